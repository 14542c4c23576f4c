import FlashCore
import FlashEmulation
import Testing

/// probe-rs's STM32L562E-DK OCTOSPI algorithm (HAL based: it sets up RCC, PWR, GPIO and
/// EXTI, which the emulator answers with the smallest stub) against the OCTOSPI1 + MX25LM51245G model.
@Suite(.enabled(if: Emulator.isAvailable && Fixtures.hasProbeRs, "needs libunicorn2 and shared/fixtures/probe-rs"))
struct BoardOctoSPIAlgorithmTests {
    private func algorithm() throws -> EmulatedFlashAlgorithm {
        try EmulatedFlashAlgorithm(try Fixtures.probeRs("stm32l562e_dk_mx25l51245g"))
    }

    @Test func programsAndVerifiesThroughTheModel() throws {
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        let data = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
        let image = try MemoryImage(segments: [.init(address: 0x9001_0000, bytes: data)])
        let result = try engine.program(image, using: try algorithm(), verify: true)
        #expect(result.succeeded, "\(result.failedCalls) \(result.errors)")
        #expect(result.verifyMismatches == [])
        // The algorithm declares 64 KB sectors: one block erase.
        #expect(result.erased.map(\.pageAddress) == [0x9001_0000])
        #expect(result.erased.first?.pageSize == 0x1_0000)
        #expect(try engine.read(from: 0x9001_0000, count: data.count) == data)
    }

    @Test func eraseChipWaitsForTheWholeChipErase() throws {
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        let result = engine.eraseChip(using: try algorithm())
        #expect(result.succeeded, "\(result.failedCalls)")
        #expect(result.kind == .chipErase)
        // The vendor polls WIP between software delays; the polling rule lets model time reach the end.
        #expect(result.deviceTime > 100_000_000_000)
    }
}
