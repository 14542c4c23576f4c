/// What a front end answers each time a long operation reports progress: go on, or stop there.
/// A stopped operation throws `EngineError.stopped`; its machine is part-way and must be discarded.
package enum ProgressAnswer: Sendable, Equatable {
    case proceed, stop
}

/// Told after each sector of a program with (sectors done, sectors in all); asked whether to go on.
package typealias ProgressObserver = (_ done: Int, _ total: Int) -> ProgressAnswer

extension FlashEngine {
    /// Reports a finished sector; false when the observer asked to stop (remembered for `performProgram`).
    func reportProgress(_ done: Int, of total: Int) -> Bool {
        guard let progress, progress(done, total) == .stop else { return true }
        stopRequested = true
        return false
    }

    /// Whether a program goes on to its next stage (the OCTOSPI part, verification): no failure, no stop.
    func goesOn(_ result: OperationResult) -> Bool {
        result.succeeded && !stopRequested
    }
}
