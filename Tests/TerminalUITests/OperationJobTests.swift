import FlashCore
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// Jobs as the runner's executor runs them: on a machine of their own, observed sector by sector.
@Suite struct OperationJobTests {
    private func programJob(pages: Int, at address: UInt32 = 0x0800_0000) throws -> OperationJob {
        let image = try MemoryImage(segments: [
            .init(address: address, bytes: [UInt8](repeating: 1, count: pages * 2048))
        ])
        return OperationJob(
            id: 7, purpose: .commit, operation: .program(LoadedFile(name: "p.bin", image: image)),
            algorithm: FlashEngine.defaultAlgorithm, before: AppHarness.state())
    }

    /// The engine reports each 2 KiB page of a 16-page program once, after it is programmed.
    @Test func theObserverHearsEachSector() throws {
        var reports: [(Int, Int)] = []
        let outcome = try programJob(pages: 16).run(offering: []) { done, total in
            reports.append((done, total))
            return .proceed
        }
        #expect(reports.map(\.0) == Array(1...16))
        #expect(reports.allSatisfy { $0.1 == 16 })
        guard case .finished(let finished) = outcome else {
            Issue.record("expected a finished job, got \(outcome)")
            return
        }
        #expect(finished.result.bytesProgrammed == 16 * 2048)
        #expect(finished.after.flash[0] == 1)
        #expect(!finished.renderedTrace.isEmpty, "a committed job keeps its trace for the journal")
    }

    /// Answering stop ends the program at that sector: the job is cancelled, nothing comes back.
    @Test func stoppingEndsTheJobCancelled() throws {
        var reports = 0
        let outcome = try programJob(pages: 16).run(offering: []) { done, _ in
            reports += 1
            return done == 3 ? .stop : .proceed
        }
        #expect(outcome == .cancelled)
        #expect(reports == 3, "no sector is programmed after the stop")
    }

    @Test func aPlanIsPredictedAndUntraced() throws {
        var job = try programJob(pages: 2)
        job.purpose = .plan
        guard case .finished(let finished) = job.run(offering: []) else {
            Issue.record("expected a finished plan")
            return
        }
        #expect(finished.result.predicted)
        #expect(finished.renderedTrace.isEmpty)
    }

    @Test func anUnknownAlgorithmFailsInOneLine() throws {
        var job = try programJob(pages: 1)
        job.algorithm = "no-such-algorithm"
        guard case .failed(let text) = job.run(offering: []) else {
            Issue.record("expected a failure")
            return
        }
        #expect(text.hasPrefix("program p.bin: no algorithm named 'no-such-algorithm'"))
    }
}
