import FlashCore
import TerminalKit

/// The event loop: terminal events and posted messages become `AppMsg`s, `App.update` returns
/// effects, the runner performs them (files and the store through the environment, operations on
/// the executor's thread), and one frame is drawn when anything changed.
package struct AppRunner<Backend: TerminalBackend, Environment: AppEnvironment> {
    package private(set) var model: AppModel
    package private(set) var terminal: Terminal<Backend>
    package let environment: Environment
    /// Where operations (and, later, other sources) post their progress and outcomes.
    package let mailbox: Mailbox
    package let operations: OperationExecutor
    /// The serving side, when the UI serves the chip to debug clients.
    package let clientControl: (any ClientControl)?
    /// The attached board's reader, when the UI shows a real board.
    package let boardControl: (any BoardControl)?

    /// How often an idle loop wakes (and checks the device file); an operation's progress is drawn
    /// at the faster pace.
    private static var idleMilliseconds: Int { 250 }
    private static var busyMilliseconds: Int { 40 }

    package init(
        model: AppModel, backend: Backend, environment: Environment, offering offers: [any OfferedAlgorithm] = [],
        mailbox: Mailbox = Mailbox(), clientControl: (any ClientControl)? = nil,
        boardControl: (any BoardControl)? = nil
    ) {
        self.mailbox = mailbox
        self.clientControl = clientControl
        self.boardControl = boardControl
        self.model = model
        terminal = Terminal(backend: backend)
        self.environment = environment
        let mailbox = self.mailbox
        operations = OperationExecutor(offering: offers) { mailbox.post($0) }
    }

    /// Runs until the app quits or the terminal asks to end; an operation still working is
    /// cancelled (nothing of it saved) and waited for.
    package mutating func run() throws {
        defer { operations.cancelAndWait() }
        let clock = ContinuousClock()
        var lastPoll = clock.now
        dispatch(.resize(terminal.backend.size))
        try draw()
        while !model.quitRequested {
            let busy = model.running != nil || model.served?.clients.isEmpty == false
            let event = terminal.nextEvent(
                timeoutMilliseconds: busy ? Self.busyMilliseconds : Self.idleMilliseconds)
            var changed = true
            switch event {
            case .key(let key): dispatch(.key(key))
            case .mouse(let mouse): dispatch(.mouse(mouse))
            case .resize(let size): dispatch(.resize(size))
            case .terminationRequested: return
            case nil: changed = false
            }
            for msg in mailbox.take() {
                dispatch(msg)
                changed = true
            }
            if clock.now - lastPoll >= .milliseconds(Self.idleMilliseconds) {
                lastPoll = clock.now
                if let state = environment.externalChange() {
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

    /// Runs a message and every message its effects answer with, in order.
    package mutating func dispatch(_ first: AppMsg) {
        var queue = [first]
        while !queue.isEmpty {
            let msg = queue.removeFirst()
            for effect in App.update(&model, msg) { queue += perform(effect) }
        }
    }

    private func perform(_ effect: AppEffect) -> [AppMsg] {
        switch effect {
        case .save(let commit): return environment.save(commit)
        case .undo: return environment.undo()
        case .redo: return environment.redo()
        case .loadHistory: return environment.history()
        case .listDirectory(let prefix): return environment.listDirectory(prefix: prefix)
        case .inspectFile(let path): return environment.inspectFile(path: path)
        case .loadImage(let path, let address): return environment.loadImage(path: path, address: address)
        case .saveFile(let path, let image, let replacing):
            return environment.saveFile(path: path, image: image, replacing: replacing)
        case .startOperation(let job): operations.start(job)
        case .startComparison(let job): operations.start(job)
        case .cancelOperation(let id): operations.cancel(id)
        case .holdClient(let on): clientControl?.setHolding(on)
        case .releaseClient: clientControl?.releaseHeldAccess()
        case .readFirst(let range): boardControl?.readFirst(range)
        case .refreshBoard(let range): boardControl?.refresh(first: range)
        case .runLive(let operation): boardControl?.runLive(operation)
        case .quit: break
        }
        return []
    }
}
