import Testing
@testable import FlashCore

/// The problem FlashScope exists for (issue 2, "what it must show"), at engine level.
@Suite struct PitfallTests {
    /// A 512 KB device in single-bank mode with 0x0800_0000–0x0800_1FFF fully programmed.
    private func singleBankDevice() throws -> FlashEngine {
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        let launch = try engine.setOptions([("DBANK", 0)], launch: true)
        #expect(launch.succeeded)
        #expect(!engine.machine.layout.dualBank)
        let image = try MemoryImage(segments: [
            .init(address: 0x0800_0000, bytes: [UInt8](repeating: 0x11, count: 0x2000))
        ])
        let setup = try engine.program(image)
        #expect(setup.succeeded)
        return engine
    }

    private var target: MemoryImage {
        get throws {
            try MemoryImage(segments: [.init(address: 0x0800_0800, bytes: [UInt8](repeating: 0x22, count: 2048))])
        }
    }

    @Test func dualBankAlgorithmInSingleBankModeErasesTheWrongPage() throws {
        let engine = try singleBankDevice()
        let result = try engine.program(target, using: engine.builtIn(.assumeDualBank))
        // PNB 1 in single-bank mode is the 4 KB page at 0x0800_1000.
        #expect(
            result.erased == [
                ErasedPage(
                    pageAddress: 0x0800_1000, pnb: 1, bker: 0, pageSize: 4096, physicalBank: 1,
                    command: "PER PNB 1 BKER 0", sentPNB: 1, sentBKER: 0)
            ])
        #expect(result.collateral == [AddressRange(from: 0x0800_1000, to: 0x0800_1FFF)])
        #expect(result.errors.first?.flag == "PROGERR")
        #expect(result.errors.first?.address == 0x0800_0800)
        #expect(result.errors.first?.explanation.contains("was not erased") == true)
        // The target still holds the old data.
        #expect(try engine.read(from: 0x0800_0800, count: 8) == [UInt8](repeating: 0x11, count: 8))
    }

    @Test func bankAwareAlgorithmErasesTheRightPageAndPreserves() throws {
        let engine = try singleBankDevice()
        let result = try engine.program(target, verify: true)
        #expect(result.succeeded)
        #expect(
            result.erased == [
                ErasedPage(
                    pageAddress: 0x0800_0000, pnb: 0, bker: 0, pageSize: 4096, physicalBank: 1,
                    command: "PER PNB 0 BKER 0", sentPNB: 0, sentBKER: 0)
            ])
        #expect(result.collateral.isEmpty)
        #expect(result.verifyMismatches == [])
        #expect(try engine.read(from: 0x0800_0000, count: 0x800) == [UInt8](repeating: 0x11, count: 0x800))
        #expect(try engine.read(from: 0x0800_0800, count: 0x800) == [UInt8](repeating: 0x22, count: 0x800))
        #expect(try engine.read(from: 0x0800_1000, count: 0x1000) == [UInt8](repeating: 0x11, count: 0x1000))
    }

    @Test func planPredictsBothOutcomesExactly() throws {
        for geometry in [InternalFlashAlgorithm.Geometry.assumeDualBank, .bankAware] {
            let engine = try singleBankDevice()
            let algorithm = engine.builtIn(geometry)
            let before = engine.machine.state
            let plan = try engine.plan { try $0.program(target, using: algorithm) }
            #expect(engine.machine.state == before, "a plan must not change the device")
            let real = try engine.program(target, using: algorithm)
            #expect(plan.predicted)
            #expect(plan.erased == real.erased)
            #expect(plan.errors == real.errors)
            #expect(plan.collateral == real.collateral)
        }
    }

    @Test func planWithPendingOptionsSeesTheNewLayout() throws {
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        _ = try engine.setOptions([("DBANK", 0)], launch: false)
        #expect(engine.machine.layout.dualBank, "not launched yet")
        let now = try engine.plan { try $0.erase(from: 0x0800_0800) }
        let later = try engine.plan(withPendingOptions: true) { try $0.erase(from: 0x0800_0800) }
        #expect(now.erased.map(\.pageSize) == [2048])
        #expect(later.erased.map(\.pageSize) == [4096])
        #expect(later.erased.map(\.pageAddress) == [0x0800_0000])
    }

    @Test func singleBankAlgorithmInDualBankModeMissesTheTarget() throws {
        // Reference §4.3, "the opposite mistake": 0x0804_0000 → PNB 64, BKER 0 erases 0x0802_0000–07FF.
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        let image = try MemoryImage(segments: [
            .init(address: 0x0802_0000, bytes: [UInt8](repeating: 0x33, count: 0x800)),
            .init(address: 0x0804_0000, bytes: [UInt8](repeating: 0x44, count: 0x800)),
        ])
        #expect(try engine.program(image).succeeded)
        let result = try engine.erase(from: 0x0804_0000, length: 0x800, using: engine.builtIn(.assumeSingleBank))
        #expect(
            result.erased == [
                ErasedPage(
                    pageAddress: 0x0802_0000, pnb: 64, bker: 0, pageSize: 2048, physicalBank: 1,
                    command: "PER PNB 64 BKER 0", sentPNB: 64, sentBKER: 0)
            ])
        #expect(result.collateral == [AddressRange(from: 0x0802_0000, to: 0x0802_07FF)])
        #expect(try engine.read(from: 0x0804_0000, count: 4) == [0x44, 0x44, 0x44, 0x44])
    }
}
