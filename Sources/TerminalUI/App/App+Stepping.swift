import FlashCore
import TerminalKit

/// Step mode: replaying a stepped operation access by access, committing or abandoning it.
extension App {
    static func stepAction(_ model: inout AppModel, _ action: AppAction) -> [AppEffect] {
        guard var session = model.stepping else { return [] }
        switch action {
        case .step:
            session.seek(to: session.position + 1)
            if session.replayer.isFinished {
                model.status = StatusMessage("end of the operation: c commits it, x abandons it")
            }
        case .stepBack:
            session.seek(to: session.position - 1)
        case .continueToEnd:
            session.replayer.finish()
            let after = session.replayer.machine.state
            model.stepping = nil
            model.deferredReload = nil
            model.machine = Machine(state: after)
            model.status = OperationSummary.text(session.result, title: session.operation.title)
            model.lastTrace = SessionTrace(title: session.operation.title, entries: session.renderedTrace)
            return [
                .save(
                    OperationCommit(
                        result: session.result, command: session.operation.command(algorithm: model.algorithm),
                        before: session.replayer.before, after: after, trace: session.renderedTrace))
            ]
        default:
            abandon(&model)
            return []
        }
        model.stepping = session
        return []
    }

    static func abandon(_ model: inout AppModel) {
        guard let session = model.stepping else { return }
        model.stepping = nil
        if let state = model.deferredReload { model.machine = Machine(state: state) }
        model.deferredReload = nil
        model.status = StatusMessage("abandoned \(session.operation.title): nothing committed")
    }
}
