import FlashCore
import TerminalKit

/// An algorithm the front end offers beside the built-in ones (`tui --algorithm-file`: a vendor
/// algorithm run on the emulated core). The model knows it by name only; each operation asks for
/// a fresh instance on the thread that runs it.
package protocol OfferedAlgorithm: Sendable {
    var name: String { get }

    /// A new instance for one operation. With `recordingSteps`, the instance's `recordedSteps`
    /// gives the core's instructions once the operation has run, for the step panel.
    func instance(recordingSteps: Bool) throws -> AlgorithmInstance
}

/// One operation's algorithm, and where its instructions were recorded (the step sink).
package struct AlgorithmInstance {
    package var algorithm: any FlashAlgorithm
    package var recordedSteps: () -> [CoreStep]

    package init(algorithm: any FlashAlgorithm, recordedSteps: @escaping () -> [CoreStep] = { [] }) {
        self.algorithm = algorithm
        self.recordedSteps = recordedSteps
    }
}
