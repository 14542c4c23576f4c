import ArgumentParser
import Attach
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
            Press ? inside for the keys. With --remote-bitbang or --gdb the screen also serves the device to \
            debug clients, as `flashscope serve` does: the maps and the register panel follow the client, t holds \
            it at each flash-controller access (n lets it make the access, c lets it run), and the device changes \
            only through the client. Exits with status \(ExitStatus.unavailable) and one line on stderr when \
            standard input or output is not a terminal or TERM is unusable; use the other commands there.
            With --attach HOST:PORT the screen shows a real board through the GDB server its probe runs (as \
            `flashscope attach` reads it, connected and identified before the screen opens, with attach's exit \
            statuses): the option registers first, then the page in view, then the rest of the flash and OTP; \
            pages not read yet show ?, R reads everything again. No device file is opened or written (a snapshot \
            is `flashscope attach HOST:PORT --device PATH`). It is read-only unless --live (which needs a halted \
            core: --halt): then E, P and the option-byte keys run on the chip, predicted first on the board as \
            read, confirmed, then read back and checked.
            """)

    @OptionGroup var options: DeviceOptions

    @Option(
        help: ArgumentHelp(
            "Colour theme: a name from Themes/ (default, monochrome, high-contrast) or a path to a .toml file. Default: $FLASHSCOPE_THEME.",
            valueName: "name"))
    var theme: String?

    @OptionGroup var vendor: AlgorithmFileOptions

    @OptionGroup(title: "Serving debug clients") var listeners: ListenerOptions

    @Option(
        help: ArgumentHelp(
            "Show a real board through the GDB server at HOST:PORT (read-only unless --live).", valueName: "host:port"))
    var attach: String?

    @Flag(help: "With --attach: erase, program and option changes run on the chip (needs a halted core).")
    var live = false

    @OptionGroup(title: "Attaching to a board") var board: AttachOptions

    func validate() throws {
        guard let attach else {
            if live || board.halt || board.reset || board.part != nil || board.allowReset || board.allowLockout {
                throw ValidationError(
                    "--live, --halt, --reset, --part, --allow-reset and --allow-lockout go with --attach")
            }
            return
        }
        guard ServerAddress(attach) != nil else {
            throw ValidationError("--attach: '\(attach)' is not HOST:PORT (for example 127.0.0.1:3333)")
        }
        if listeners.any {
            throw ValidationError(
                "--attach shows a board; --remote-bitbang and --gdb serve a device: give one or the other")
        }
        if vendor.file != nil {
            throw ValidationError("--attach runs the built-in algorithm on the chip, not --algorithm-file")
        }
        if options.device != nil {
            throw ValidationError(
                "--attach reads the board itself and opens no device file (write a snapshot with `flashscope attach "
                    + "\(attach) --device PATH`)")
        }
    }

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
        if let attach, let address = ServerAddress(attach) {
            return try runAttached(address, theme: chosen, environment: environment)
        }
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

    /// `--attach`: connected and identified before the screen opens, so an unreachable server or a
    /// chip that is not an L5 is attach's one line and exit status.
    private func runAttached(_ address: ServerAddress, theme chosen: Theme, environment: [String: String]) throws {
        let session = try AttachSession(address, board, json: false)
        let part: Part
        let octoSPIAnswers: Bool
        do {
            guard !live || session.identity.halted else {
                throw CommandFailure(
                    "tui: --live needs a halted core (running firmware could use the flash meanwhile): add --halt",
                    status: ExitStatus.usage)
            }
            (part, octoSPIAnswers) = try session.part(chosen: board.chosenPart)
        } catch {
            session.close()
            throw error
        }
        let mailbox = Mailbox()
        let reader = BoardReader(session: session, part: part, options: board, post: { mailbox.post($0) })
        defer { reader.stop() }
        do {
            try CursesTerminal.withTerminal(theme: chosen, explicitTheme: theme != nil, environment: environment) {
                backend in
                var view = AttachedView(
                    server: address.description, board: reader.board, chunkSize: UInt32(BoardSnapshot.step), live: live)
                view.octoSPIAnswered = octoSPIAnswers
                let model = AppModel(
                    state: reader.initialState, deviceName: address.description, size: backend.size, attached: view)
                var runner = AppRunner(
                    model: model, backend: backend, environment: StoreEnvironment(store: nil, watcher: nil),
                    mailbox: mailbox, boardControl: reader)
                reader.start()
                try runner.run()
            }
        } catch let error as TerminalError {
            throw CommandFailure(error.description, status: ExitStatus.unavailable)
        }
    }
}
