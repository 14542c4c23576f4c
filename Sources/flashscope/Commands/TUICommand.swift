import ArgumentParser
import CursesBackend
import DeviceStore
import FlashCore
import FlashEmulation
import Foundation
import TerminalKit
import TerminalUI

/// `flashscope tui` (and plain `flashscope`): the terminal UI on a device file.
///
/// The only place that wires the store, the curses terminal and the app together: the app
/// itself is pure (`App.update`/`App.view`), `AppRunner` runs its loop and operations, and
/// `StoreEnvironment` performs what touches the device file and other files.
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Open the terminal UI (what `flashscope` alone does).",
        discussion: """
            Press ? inside for the keys. With --remote-bitbang or --gdb the screen also serves the device to             debug clients, as `flashscope serve` does: the maps and the register panel follow the client, t holds             it at each flash-controller access (n lets it make the access, c lets it run), and the device changes             only through the client. Exits with status \(ExitStatus.unavailable) and one line on stderr when \
            standard input or output is not a terminal or TERM is unusable; use the other commands there.
            """)

    @OptionGroup var options: DeviceOptions

    @Option(
        help: ArgumentHelp(
            "Colour theme: a name from Themes/ (default, monochrome, high-contrast) or a path to a .toml file. Default: $FLASHSCOPE_THEME.",
            valueName: "name"))
    var theme: String?

    @OptionGroup var vendor: AlgorithmFileOptions

    @OptionGroup(title: "Serving debug clients") var listeners: ListenerOptions

    func run() throws {
        // The screen builds an emulated algorithm for each operation with the default budget.
        if vendor.instructionBudget != nil {
            throw CommandFailure("--instruction-budget goes with program and erase, not tui", status: ExitStatus.usage)
        }
        // The screen prints no JSON; accepting the flag would only hide that.
        if options.json {
            throw CommandFailure(
                "--json goes with the other commands; the terminal UI prints none", status: ExitStatus.usage)
        }
        let environment = ProcessInfo.processInfo.environment
        let chosen = try ThemeChoice.resolve(theme, environment: environment)
        let store = try options.openStore()
        let state = try store.load()
        let watcher = try DeviceWatcher(path: store.path)
        let name = (store.path as NSString).lastPathComponent
        // Loaded and tried now, so a missing emulator or a bad file is a one-line error before the screen opens.
        let offers: [any OfferedAlgorithm] = try vendor.emulated(covering: nil).map { [EmulatedOffer($0.vendor)] } ?? []
        let mailbox = Mailbox()
        // Listening starts before the screen opens, so a port in use is a one-line error.
        let server =
            listeners.any
            ? try ScreenServer(
                store: try options.openStore(), listeners: listeners, vendor: vendor, post: { mailbox.post($0) })
            : nil
        defer { server?.stop() }
        do {
            try CursesTerminal.withTerminal(theme: chosen, explicitTheme: theme != nil, environment: environment) {
                backend in
                let model = AppModel(
                    state: state, deviceName: name, size: backend.size, offeredAlgorithms: offers.map(\.name),
                    served: server.map { ServedView(listeners: $0.listeners) })
                var runner = AppRunner(
                    model: model, backend: backend, environment: StoreEnvironment(store: store, watcher: watcher),
                    offering: offers, mailbox: mailbox, clientControl: server)
                server?.start()
                try runner.run()
            }
        } catch let error as TerminalError {
            throw CommandFailure(error.description, status: ExitStatus.unavailable)
        }
    }
}
