import FlashCore
import TerminalKit

/// Device operations as jobs: started off the update loop, followed as they report progress,
/// cancelled on request, and taken in when they end.
extension App {
    /// Hands an operation to the runner as a job on a copy of the device as it is now.
    static func start(
        _ model: inout AppModel, _ operation: DeviceOperation, _ purpose: OperationJob.Purpose,
        confirming confirmation: PendingConfirmation? = nil
    ) -> [AppEffect] {
        guard model.running == nil else { return [] }
        let job = OperationJob(
            id: model.nextJobID, purpose: purpose, operation: operation, algorithm: model.algorithm,
            before: model.machine.state)
        model.nextJobID += 1
        model.running = RunningOperation(job: job, confirmation: confirmation)
        return [.startOperation(job)]
    }

    /// Runs a confirmed operation: stepped when step mode is on, else committed. Step mode is
    /// one-shot, as `t` says: the operation it steps disarms it, so the next one runs whole.
    static func execute(_ model: inout AppModel, _ operation: DeviceOperation) -> [AppEffect] {
        if model.attached != nil { return runOnChip(&model, operation) }
        let effects = start(&model, operation, model.stepArmed ? .step : .commit)
        if !effects.isEmpty { model.stepArmed = false }
        return effects
    }

    static func progress(_ model: inout AppModel, id: Int, done: Int, total: Int) {
        guard var running = model.running, running.id == id else { return }
        running.done = done
        running.total = total
        model.running = running
    }

    /// Esc while an operation works: it stops at its next sector and nothing of it is kept.
    static func cancelRunning(_ model: inout AppModel) -> [AppEffect] {
        guard var running = model.running else { return [] }
        if !running.cancelling {
            running.cancelling = true
            model.running = running
        }
        model.status = StatusMessage("cancelling \(running.title)…")
        return [.cancelOperation(id: running.id)]
    }

    /// A job ended. A plan opens its confirmation; a stepped run becomes a step session; a
    /// committed run becomes the device and is saved. A cancelled one leaves everything as it was.
    static func finish(_ model: inout AppModel, id: Int, _ outcome: OperationOutcome) -> [AppEffect] {
        guard let running = model.running, case .operation(let job) = running.work, job.id == id else { return [] }
        model.running = nil
        let title = job.operation.title
        switch outcome {
        case .cancelled:
            model.status = StatusMessage(
                job.purpose == .plan
                    ? "cancelled: \(title)" : "cancelled \(title): nothing saved, the device is unchanged")
            return []
        case .failed(let text):
            // A plan that cannot run still lets the operation be asked for; running it says why.
            if job.purpose == .plan {
                model.confirmation = running.confirmation
                model.confirmation?.warnings.append("no plan: \(text)")
            } else {
                model.status = StatusMessage(text, isError: true)
            }
            return []
        case .finished(let finished):
            switch job.purpose {
            case .plan:
                model.confirmation = running.confirmation
                model.confirmation?.details += finished.result.changes.planLines
                model.confirmation?.warnings += finished.result.changes.planWarnings
                return []
            case .step where finished.droppedAccesses == 0:
                model.stepping = StepSession(
                    operation: job.operation, result: finished.result,
                    replayer: TraceReplayer(before: job.before, entries: finished.entries),
                    renderedTrace: finished.renderedTrace, coreSteps: finished.coreSteps)
                model.status = StatusMessage(
                    "stepping \(title): \(finished.accesses) bus accesses; n steps, c commits, x abandons")
                return []
            case .step:
                model.status = StatusMessage("\(title): too long to step (\(finished.accesses) accesses); ran it whole")
            case .commit:
                model.status = OperationSummary.text(finished.result, title: title)
            }
            model.machine = Machine(state: finished.after)
            model.lastTrace = SessionTrace(title: title, entries: finished.renderedTrace)
            return [
                .save(
                    OperationCommit(
                        result: finished.result, command: job.operation.command(algorithm: job.algorithm),
                        before: job.before, after: finished.after, trace: finished.renderedTrace))
            ]
        }
    }

    /// D and S stage one bit through the option bytes register sequence, without launching.
    static func toggleOption(_ model: inout AppModel, _ name: String) -> [AppEffect] {
        let pending = model.machine.controller.pending.value(of: name) ?? 0
        let operation = DeviceOperation.setOption(name: name, value: pending == 0 ? 1 : 0)
        return model.attached != nil ? confirmOnChip(&model, operation) : execute(&model, operation)
    }

    static func reload(_ model: inout AppModel, _ state: DeviceState, reason: ReloadReason) {
        // The served chip is the device: the file only catches up with it (its journal saves). An
        // attached board is the chip itself: a device file has nothing to say about it.
        if model.served != nil || model.attached != nil, reason == .external { return }
        if model.stepping != nil {
            model.deferredReload = state
            if reason == .external {
                model.status = StatusMessage("the device changed on disk; shown once stepping ends")
            }
            return
        }
        let changed = state != model.machine.state
        let note = UndoNote.protection(before: model.machine.state, after: state)
        if changed { model.machine = Machine(state: state) }
        switch reason {
        case .external where changed: model.status = StatusMessage("the device changed on disk: reloaded")
        case .undone(let ids, let what):
            let named = what.isEmpty ? "" : ": " + what.joined(separator: "; ")
            model.status = StatusMessage(
                "undid operation \(ids.map(String.init).joined(separator: ", "))\(named)"
                    + (note.map { "; \($0)" } ?? "")
                    + "; r redoes it")
        case .redone(let id, let what):
            model.status = StatusMessage("redid operation \(id): \(what)" + (note.map { "; \($0)" } ?? ""))
        case .saveFailed, .external: break
        }
    }
}
