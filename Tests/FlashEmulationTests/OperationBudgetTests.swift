import FlashCore
import FlashEmulation
import Testing

/// The per-operation instruction budget, with Hostile/flm-slow-program-page.FLM: its
/// ProgramPage counts down 2^20 times (about 2.1 million instructions), well inside the
/// per-call budget, so only the operation's budget can stop a long program.
@Suite(.enabled(if: Emulator.isAvailable, "needs libunicorn2"))
struct OperationBudgetTests {
    private func slowAlgorithm(budget: UInt64? = nil) throws -> EmulatedFlashAlgorithm {
        let vendor = try #require(try AlgorithmFile.load(HostileAlgorithmTests.path("flm-slow-program-page.FLM")).first)
        let algorithm = try EmulatedFlashAlgorithm(vendor)
        if let budget { algorithm.operationBudget = budget }
        return algorithm
    }

    private func image(pages: Int) throws -> MemoryImage {
        try MemoryImage(segments: [.init(address: 0x0800_0000, bytes: [UInt8](repeating: 0x5A, count: pages * 0x400))])
    }

    @Test func theDefaultBudgetCoversAnOrdinaryProgram() throws {
        let algorithm = try slowAlgorithm()
        #expect(algorithm.operationBudget == 200_000_000)
        let result = try FlashEngine(machine: Fixtures.machine()).program(try image(pages: 4), using: algorithm)
        #expect(result.succeeded, "\(result.failedCalls)")
    }

    @Test func anOperationStopsWhenItsBudgetRunsOut() throws {
        let algorithm = try slowAlgorithm(budget: 5_000_000)
        let result = try FlashEngine(machine: Fixtures.machine()).program(try image(pages: 4), using: algorithm)
        #expect(!result.succeeded)
        // Two pages fit in 5 million instructions; the third runs out.
        let failure = try #require(result.failedCalls.first)
        #expect(failure.hasPrefix("ProgramPage(0x08000800, 1024) faulted: the operation ran out of its instruction budget (5000000 instructions"))
        #expect(result.failedCalls.count == 1, "UnInit still runs on its own per-call budget: \(result.failedCalls)")
    }

    @Test func eachOperationHasItsOwnBudget() throws {
        let algorithm = try slowAlgorithm(budget: 5_000_000)
        let engine = FlashEngine(machine: Fixtures.machine())
        for _ in 0..<3 {
            let result = try engine.program(try image(pages: 2), using: algorithm)
            #expect(result.succeeded, "\(result.failedCalls)")
        }
    }
}
