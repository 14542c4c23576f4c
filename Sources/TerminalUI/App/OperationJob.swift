import FlashCore
import TerminalKit

/// A device operation handed to the runner, which works through it off the update loop on a
/// machine of its own built from `before` (the engine's machines are not shared between threads).
/// What it reports comes back as `AppMsg.operationProgress` and `.operationFinished` with its `id`.
package struct OperationJob: Sendable, Equatable {
    /// What the run is for.
    package enum Purpose: Sendable, Equatable {
        /// A what-if run, untraced, whose result fills in a confirmation.
        case plan
        /// The operation for real: the result and its trace are saved.
        case commit
        /// For step mode: the whole trace (and the core's instructions) is kept for replay.
        case step
    }

    package var id: Int
    package var purpose: Purpose
    package var operation: DeviceOperation
    /// The algorithm as the UI names it: a built-in one or one the front end offers.
    package var algorithm: String
    package var before: DeviceState

    package init(id: Int, purpose: Purpose, operation: DeviceOperation, algorithm: String, before: DeviceState) {
        self.id = id
        self.purpose = purpose
        self.operation = operation
        self.algorithm = algorithm
        self.before = before
    }

    /// A few words for the progress line.
    package var title: String { purpose == .plan ? "planning \(operation.title)" : operation.title }
}

/// How a job ended.
package enum OperationOutcome: Sendable, Equatable {
    case finished(FinishedOperation)
    /// The engine refused the request, or the algorithm could not be built: one line saying why.
    case failed(String)
    /// Stopped at the user's request: its machine was thrown away and nothing is saved.
    case cancelled
}

/// What a job that ran to its end brings back: values only, so it crosses threads.
package struct FinishedOperation: Sendable, Equatable {
    package var result: OperationResult
    package var after: DeviceState
    /// The trace in words, for the journal (empty for a plan).
    package var renderedTrace: [RenderedTraceEntry]
    /// Every access, for replaying a stepped operation (empty unless it was run for step mode).
    package var entries: [TraceEntry]
    /// Bus accesses made, and how many of them the bounded trace left out (a stepped operation needs all).
    package var accesses: Int
    package var droppedAccesses: Int
    /// The emulated core's instructions, when a recorded vendor algorithm ran.
    package var coreSteps: [CoreStep]
}
