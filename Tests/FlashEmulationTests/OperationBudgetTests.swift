import FlashCore
import FlashEmulation
import Testing

/// The per-operation instruction budget, with Hostile/flm-slow-program-page.FLM: its
/// ProgramPage counts down 2^22 times (about 8.4 million instructions, 8192 per byte of a
/// 1 KB page, twice the allowance per byte), well inside the per-call budget, so only the
/// operation's budget can stop a long program.
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
        // One page fits in 5 million instructions and its allowance; the second runs out.
        let failure = try #require(result.failedCalls.first)
        #expect(
            failure.hasPrefix(
                "ProgramPage(0x08000400, 1024) faulted: the operation ran out of its instruction budget "
                    + "(5000000 instructions plus 4096 for each of the 2048 bytes programmed, over all its calls)"),
            "\(failure)")
        #expect(result.failedCalls.count == 1, "UnInit still runs on its own per-call budget: \(result.failedCalls)")
    }

    @Test func eachOperationHasItsOwnBudget() throws {
        let algorithm = try slowAlgorithm(budget: 5_000_000)
        let engine = FlashEngine(machine: Fixtures.machine())
        for _ in 0..<3 {
            let result = try engine.program(try image(pages: 1), using: algorithm)
            #expect(result.succeeded, "\(result.failedCalls)")
        }
    }

    /// The board's OCTOSPI algorithm runs about 6.6 million instructions per 4 KB page: 200
    /// million alone ran out after 120 KB; the allowance per byte programmed carries it.
    @Test(.enabled(if: Fixtures.hasProbeRs, "needs shared/fixtures/probe-rs beside the repository"))
    func aSlowHonestAlgorithmProgramsALargeImage() throws {
        let algorithm = try EmulatedFlashAlgorithm(try Fixtures.probeRs("stm32l562e_dk_mx25l51245g"))
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        let image = try MemoryImage(segments: [
            .init(address: 0x9000_0000, bytes: [UInt8](repeating: 0x42, count: 160 * 1024))
        ])
        let result = try engine.program(image, using: algorithm)
        #expect(result.succeeded, "\(result.failedCalls)")
        #expect(algorithm.emulator.totalInstructions > EmulatedFlashAlgorithm.defaultOperationBudget)
    }
}
