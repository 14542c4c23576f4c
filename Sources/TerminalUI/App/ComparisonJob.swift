import FlashCore
import TerminalKit

/// `v` and `d` handed to the runner: the loaded file compared with the flash off the update loop
/// (a 64 MiB OCTOSPI file takes seconds), on a machine of its own built from `before`. It reports
/// as `AppMsg.operationProgress` (KiB compared of all) and `.comparisonFinished` with its `id`.
package struct ComparisonJob: Sendable, Equatable {
    /// What the comparison is for: the verify messages, or the diff view.
    package enum Purpose: Sendable, Equatable {
        case verify, diff
    }

    package var id: Int
    package var purpose: Purpose
    package var file: LoadedFile
    package var before: DeviceState
    /// The model's count of machine and file changes when it started: a result for older ones is stale.
    package var generation: Int

    /// A few words for the progress line.
    package var title: String { "\(purpose == .verify ? "verify" : "diff") \(file.name)" }

    /// Runs the comparison on the calling thread. `observe` hears KiB compared and may stop it; a
    /// stopped comparison comes back `.cancelled`.
    package func run(observe: ProgressObserver? = nil) -> ComparisonOutcome {
        let engine = FlashEngine(machine: Machine(state: before, tracing: false))
        if let observe {
            engine.progress = { done, total in observe((done + 1023) >> 10, (total + 1023) >> 10) }
        }
        do {
            let kept = purpose == .verify ? App.verifyRunsListed : 0
            return .finished(try engine.compare(with: file.image, keepingFirst: kept))
        } catch .stopped {
            return .cancelled
        } catch {
            return .failed("\(title): \(error)")
        }
    }
}

/// How a comparison ended.
package enum ComparisonOutcome: Sendable, Equatable {
    case finished(ImageComparison)
    /// The file's bytes could not be read: one line saying why.
    case failed(String)
    /// Stopped at the user's request, or because the flash or the file changed under it.
    case cancelled
}
