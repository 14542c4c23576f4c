import Testing
@testable import FlashCore

/// Write protection and TrustZone refusing erase and program (reference §2.2, §5).
@Suite struct ProtectionTests {
    private func protectedEngine() throws -> FlashEngine {
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        // WRP1A over pages 2..3 of bank 1: 0x0800_1000–0x0800_1FFF.
        let result = try engine.setOptions([("WRP1A_PSTRT", 2), ("WRP1A_PEND", 3)], launch: true)
        #expect(result.succeeded)
        return engine
    }

    @Test func eraseOfProtectedPageSetsWRPERR() throws {
        let engine = try protectedEngine()
        let result = try engine.erase(from: 0x0800_1000)
        #expect(result.errors.map(\.flag) == ["WRPERR"])
        #expect(result.errors.first?.explanation.contains("WRP1A") == true)
        #expect(result.erased.isEmpty)
    }

    @Test func programOfProtectedPageSetsWRPERR() throws {
        let engine = try protectedEngine()
        let image = try MemoryImage(segments: [.init(address: 0x0800_1800, bytes: [0, 1, 2, 3, 4, 5, 6, 7])])
        let result = try engine.program(image, preserve: false)
        #expect(result.errors.first?.flag == "WRPERR")
        #expect(try engine.read(from: 0x0800_1800, count: 8) == [UInt8](repeating: 0xFF, count: 8))
    }

    @Test func unprotectedNeighbourStillWorks() throws {
        let engine = try protectedEngine()
        let image = try MemoryImage(segments: [.init(address: 0x0800_2000, bytes: [0, 1, 2, 3, 4, 5, 6, 7])])
        #expect(try engine.program(image).succeeded)
    }

    @Test func bank2AreaProtectsBank2Only() throws {
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        _ = try engine.setOptions([("WRP2A_PSTRT", 0), ("WRP2A_PEND", 0)], launch: true)
        #expect(try engine.erase(from: 0x0800_0000).succeeded)
        #expect(try engine.erase(from: 0x0804_0000).errors.map(\.flag) == ["WRPERR"])
        #expect(engine.massErase().errors.map(\.flag) == ["WRPERR"])
    }

    @Test func trustZoneBankAwareUsesSecureRegisters() throws {
        var state = DeviceState.factoryFresh(.stm32l562xE)
        state.effective[.optr] |= 1 << 31
        state.pending = state.effective
        let engine = FlashEngine(machine: Machine(state: state))
        let image = try MemoryImage(segments: [.init(address: 0x0800_0000, bytes: [9, 9, 9, 9, 9, 9, 9, 9])])
        let result = try engine.program(image)
        #expect(result.succeeded)
        #expect(try engine.read(from: 0x0C00_0000, count: 8) == [UInt8](repeating: 9, count: 8))
    }

    @Test func trustZoneRefusesNonSecureEraseOfSecurePage() {
        var options = OptionBytes.factory
        options[.optr] |= 1 << 31
        let chip = TestChip(options: options)
        chip.unlock()
        chip.erasePage(pnb: 0)
        #expect(chip.has(.wrperr), "factory watermarks make the whole bank secure")
    }
}
