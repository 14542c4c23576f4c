import FlashCore
import FlashEmulation
import Testing

@Suite(.enabled(if: Emulator.isAvailable && Fixtures.hasProbeRs, "needs libunicorn2 and shared/fixtures/probe-rs"))
struct EmulatorSmokeTests {
    @Test func keilAlgorithmErasesAndProgramsDirectly() throws {
        let algorithm = try EmulatedFlashAlgorithm(try Fixtures.probeRs("stm32l5x_512_0800"))
        let machine = Fixtures.machine()
        let bus = machine.bus
        #expect(algorithm.initialize(bus: bus, address: 0x0800_0000, clock: 0, function: .erase) == 0, "\(algorithm.failureDetail ?? "")")
        #expect(algorithm.eraseSector(bus: bus, address: 0x0800_0800) == 0, "\(algorithm.failureDetail ?? "")")
        let data = (0..<1024).map { UInt8($0 & 0xFF) }
        #expect(algorithm.programPage(bus: bus, address: 0x0800_0800, bytes: data) == 0, "\(algorithm.failureDetail ?? "")")
        #expect(algorithm.uninitialize(bus: bus, function: .erase) == 0, "\(algorithm.failureDetail ?? "")")
        #expect(Array(machine.controller.array.bytes[0x800..<0xC00]) == data)
        print(algorithm.emulator.cpuModel, algorithm.emulator.totalInstructions)
    }
}
