import FlashCore
import TerminalKit

extension OperationJob {
    /// Runs the job to its end on a machine built for it, on the calling thread. `observe` hears
    /// each sector of a program and may stop it; a stopped job comes back `.cancelled`.
    package func run(offering offers: [any OfferedAlgorithm], observe: ProgressObserver? = nil) -> OperationOutcome {
        let machine = Machine(state: before, tracing: purpose != .plan)
        let engine = FlashEngine(machine: machine)
        engine.progress = observe
        do {
            let offered = try offers.first { $0.name == algorithm }?.instance(recordingSteps: purpose == .step)
            let chosen: any FlashAlgorithm =
                try offered?.algorithm
                ?? InternalFlashAlgorithm.named(algorithm, assumptions: machine.controller.assumptions)
            var result = try operation.run(on: engine, using: chosen)
            result.predicted = purpose == .plan
            return .finished(
                FinishedOperation(
                    result: result, after: machine.state,
                    renderedTrace: purpose == .plan ? [] : machine.renderedTrace(),
                    entries: purpose == .step ? machine.trace.entries : [], accesses: machine.trace.count,
                    droppedAccesses: machine.trace.dropped,
                    coreSteps: offered?.recordedSteps() ?? []))
        } catch EngineError.stopped {
            return .cancelled
        } catch {
            return .failed("\(operation.title): \(error)")
        }
    }
}
