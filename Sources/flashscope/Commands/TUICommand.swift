import ArgumentParser
import CursesBackend
import DeviceStore
import FlashCore
import FlashEmulation
import Foundation
import TerminalUI

/// `flashscope tui` (and plain `flashscope`): the terminal UI on a device file.
///
/// The only place that wires the store, the curses terminal and the app together;
/// the app itself is pure (`App.update`/`App.view`), and this runner performs its effects.
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Open the terminal UI (what `flashscope` alone does).",
        discussion: """
            Press ? inside for the keys. Exits with status \(ExitStatus.unavailable) and one line on stderr when \
            standard input or output is not a terminal or TERM is unusable; use the other commands there.
            """)

    @OptionGroup var options: DeviceOptions

    @Option(
        help: ArgumentHelp(
            "Colour theme: a name from Themes/ (default, monochrome, high-contrast) or a path to a .toml file. Default: $FLASHSCOPE_THEME.",
            valueName: "name"))
    var theme: String?

    @OptionGroup var vendor: AlgorithmFileOptions

    func run() throws {
        // The screen builds an emulated algorithm for each operation with the default budget.
        if vendor.instructionBudget != nil {
            throw CommandFailure("--instruction-budget goes with program and erase, not tui", status: ExitStatus.usage)
        }
        let environment = ProcessInfo.processInfo.environment
        let chosen = try ThemeChoice.resolve(theme, environment: environment)
        let store = try options.openStore()
        let state = try store.load()
        let watcher = try DeviceWatcher(path: store.path)
        let name = (store.path as NSString).lastPathComponent
        // Loaded and tried now, so a missing emulator or a bad file is a one-line error before the screen opens.
        let vendorAlgorithm = try vendor.emulated(covering: nil)?.vendor
        do {
            try CursesTerminal.withTerminal(theme: chosen, environment: environment) { backend in
                var initial = AppModel(state: state, deviceName: name, size: backend.size)
                initial.vendorAlgorithm = vendorAlgorithm
                var runner = TUIRunner(
                    model: initial, terminal: Terminal(backend: backend), store: store, watcher: watcher)
                try runner.run()
            }
        } catch let error as TerminalError {
            throw CommandFailure(error.description, status: ExitStatus.unavailable)
        }
    }
}

/// The event loop: events become messages, `App.update` returns effects, effects
/// touch the store and files and may answer with more messages; then one frame is drawn.
private struct TUIRunner {
    var model: AppModel
    var terminal: Terminal<CursesTerminal>
    let store: DeviceStore
    let watcher: DeviceWatcher
    /// How often the device file is checked for changes by other processes.
    private let pollInterval = Duration.milliseconds(250)

    init(model: AppModel, terminal: Terminal<CursesTerminal>, store: DeviceStore, watcher: DeviceWatcher) {
        self.model = model
        self.terminal = terminal
        self.store = store
        self.watcher = watcher
    }

    /// Draws the progress line straight to the backend while an operation runs inside `App.update`,
    /// and remembers that the screen must be redrawn whole afterwards.
    private final class ProgressPainter {
        let backend: CursesTerminal
        var lastPercent = -1
        var drew = false

        init(backend: CursesTerminal) { self.backend = backend }

        func paint(_ title: String, _ done: Int, _ total: Int) {
            let percent = total > 0 ? done * 100 / total : 100
            guard total >= 8, percent != lastPercent else { return }
            lastPercent = percent
            drew = true
            let size = backend.size
            try? backend.draw(
                ProgressBarLine.changes(title: title, done: done, total: total, width: size.width, row: size.height - 1)
            )
            try? backend.flush()
        }
    }

    mutating func run() throws {
        let painter = ProgressPainter(backend: terminal.backend)
        App.progressHook = { title, done, total in painter.paint(title, done, total) }
        defer { App.progressHook = nil }
        let clock = ContinuousClock()
        var lastPoll = clock.now
        dispatch(.resize(terminal.backend.size))
        try draw()
        while !model.quitRequested {
            // The event timeout is the tick: an idle UI still polls four times a second.
            let event = terminal.nextEvent(timeoutMilliseconds: 250)
            var changed = true
            switch event {
            case .key(let key):
                dispatch(.key(key))
                if painter.drew {
                    // The progress line was drawn behind the terminal's back: repaint everything.
                    painter.drew = false
                    painter.lastPercent = -1
                    terminal.invalidate()
                }
            case .mouse(let mouse): dispatch(.mouse(mouse))
            case .resize(let size): dispatch(.resize(size))
            case .terminationRequested: return
            case nil: changed = false
            }
            if clock.now - lastPoll >= pollInterval {
                lastPoll = clock.now
                if watcher.hasChanged(), let state = try? store.load() {
                    dispatch(.deviceReloaded(state, reason: .external))
                    changed = true
                }
            }
            // An idle tick draws nothing: the screen only changes with a message.
            if changed { try draw() }
        }
    }

    private mutating func draw() throws {
        let screen = App.view(model, size: terminal.backend.size)
        try terminal.draw { buffer in buffer = screen }
    }

    /// Runs a message and every message its effects produce, in order.
    private mutating func dispatch(_ first: AppMsg) {
        var queue = [first]
        while !queue.isEmpty {
            let msg = queue.removeFirst()
            for effect in App.update(&model, msg) { queue += perform(effect) }
        }
    }

    private func perform(_ effect: AppEffect) -> [AppMsg] {
        switch effect {
        case .save(let commit): return save(commit)
        case .undo:
            do {
                let ids = try store.undo()
                return [.deviceReloaded(try store.load(), reason: .undone(ids))]
            } catch {
                return [.effectFailed("undo: \(error)")]
            }
        case .listDirectory(let prefix):
            return [.directoryListed(prefix: prefix, entries: FileNameCompletion.candidates(for: prefix))]
        case .loadImage(let path, let address):
            do {
                return [.imageLoaded(path: path, image: try ImageFiles.read(path, address: address))]
            } catch let failure as CommandFailure {
                return [.effectFailed(failure.message)]
            } catch {
                return [.effectFailed("\(path): \(error)")]
            }
        case .quit:
            return []
        }
    }

    private func save(_ commit: OperationCommit) -> [AppMsg] {
        let record = OperationRecord(commit.result, command: commit.command, trace: commit.trace)
        do {
            try store.save(commit.after, changes: commit.changes, operation: record)
            return []
        } catch {
            // Refused as stale: the reload below shows what the other process saved, instead of overwriting it.
            let message =
                error == .changedSinceRead(path: store.path)
                ? "not saved: another process changed the device meanwhile; reloaded it, run the operation again"
                : "cannot save the operation: \(error)"
            var messages: [AppMsg] = [.effectFailed(message)]
            if let state = try? store.load() { messages.append(.deviceReloaded(state, reason: .saveFailed)) }
            return messages
        }
    }
}
