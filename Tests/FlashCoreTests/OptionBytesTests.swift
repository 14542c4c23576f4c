import Testing
@testable import FlashCore

/// FLASH_OPTR and the option registers: encoding, factory values and the pending/effective life cycle.
@Suite struct OptionBytesTests {
    /// Reference §2.1: the factory value 0x7FEF_F8AA decoded field by field.
    static let factoryFields: [(String, UInt32)] = [
        ("RDP", 0xAA), ("BOR_LEV", 0), ("nRST_STOP", 1), ("nRST_STDBY", 1), ("nRST_SHDW", 1),
        ("IWDG_SW", 1), ("IWDG_STOP", 1), ("IWDG_STDBY", 1), ("WWDG_SW", 1), ("SWAP_BANK", 0),
        ("DB256K", 1), ("DBANK", 1), ("SRAM2_PE", 1), ("SRAM2_RST", 1), ("nSWBOOT0", 1), ("nBOOT0", 1),
        ("PA15_PUPEN", 1), ("TZEN", 0),
    ]

    @Test(arguments: factoryFields)
    func factoryOPTRDecodes(_ name: String, _ value: UInt32) {
        #expect(OptionBytes.factory.value(of: name) == value)
    }

    @Test func fieldPositionsFollowTheReference() {
        let positions: [(String, UInt32)] = [
            ("SWAP_BANK", 1 << 20), ("DB256K", 1 << 21), ("DBANK", 1 << 22), ("TZEN", 1 << 31),
            ("nBOOT0", 1 << 27), ("BOR_LEV", 0x700), ("RDP", 0xFF),
        ]
        for (name, mask) in positions {
            #expect(OptionField.named(name)?.mask == mask, "\(name)")
        }
        #expect(OptionField.named("WRP1A_PSTRT")?.mask == 0x7F)
        #expect(OptionField.named("WRP1A_PEND")?.mask == 0x7F_0000)
        #expect(OptionField.named("HDP1EN")?.mask == 0x8000_0000)
    }

    @Test func encodeByName() throws {
        var options = OptionBytes.factory
        try options.apply(
            [("DBANK", 0), ("SWAP_BANK", 1), ("WRP1A_PSTRT", 0), ("WRP1A_PEND", 3)], part: .stm32l562xE,
            assumptions: .defaults)
        #expect(options[.optr] == 0x7FBF_F8AA)
        #expect(options[.wrp1ar] == 0xFF83_FF80)
        #expect(options.writeProtectedPages(.wrp1ar) == 0...3)
        #expect(OptionBytes.factory.writeProtectedPages(.wrp1ar) == nil, "factory WRP areas are off")
    }

    @Test func badSettingsChangeNothing() {
        var options = OptionBytes.factory
        #expect(throws: OptionBytesError.valueTooLarge(field: "DBANK", value: 2, max: 1)) {
            try options.apply([("SWAP_BANK", 1), ("DBANK", 2)], part: .stm32l562xE, assumptions: .defaults)
        }
        #expect(throws: OptionBytesError.unknownName("DUALBANK")) {
            try options.apply([("DUALBANK", 1)], part: .stm32l562xE, assumptions: .defaults)
        }
        #expect(options == .factory)
    }

    @Test func wholeRegisterKeepsReservedBits() throws {
        var options = OptionBytes.factory
        try options.apply([("OPTR", 0)], part: .stm32l562xE, assumptions: .defaults)
        // Bits outside the writable mask 0x9F7F77FF keep their value.
        #expect(options[.optr] == 0x7FEF_F8AA & ~0x9F7F_77FF)
    }

    @Test func pendingUntilLaunch() {
        let chip = TestChip()
        chip.unlockOptions()
        chip.write(TestChip.optr, 0x7FAF_F8AA)  // DBANK=0
        #expect(chip.read(TestChip.optr) == 0x7FAF_F8AA, "§8: the written value reads back until OPTSTRT")
        chip.write(TestChip.nscr, 1 << 17)
        chip.waitIdle()
        #expect(chip.read(TestChip.optr) == 0x7FEF_F8AA, "§8: after OPTSTRT the loaded value, until the reload")
        #expect(chip.machine.controller.pending.dualBankBit == false)
        #expect(chip.machine.controller.effective.dualBankBit == true)
        #expect(chip.machine.layout.dualBank)
        chip.write(TestChip.nscr, 1 << 27)
        #expect(chip.machine.controller.effective.dualBankBit == false)
        #expect(!chip.machine.layout.dualBank)
        #expect(chip.read(TestChip.optr) == 0x7FAF_F8AA)
        #expect(chip.nscr == 0xC000_0000, "OBL_LAUNCH resets the controller")
    }

    @Test func writtenReadbackAssumption() {
        var assumptions = ModelAssumptions()
        assumptions.optionReadback = .written
        let chip = TestChip(assumptions: assumptions)
        chip.unlockOptions()
        chip.write(TestChip.optr, 0x7FAF_F8AA)
        #expect(chip.read(TestChip.optr) == 0x7FAF_F8AA)
    }

    @Test func optionRegistersNeedOPTLOCKCleared() {
        let chip = TestChip()
        chip.unlock()
        chip.write(TestChip.optr, 0x7FAF_F8AA)
        chip.write(TestChip.nscr, 1 << 17)
        #expect(chip.machine.controller.pending == .factory)
    }

    @Test func launchWithoutOPTSTRTKeepsOldValues() {
        let chip = TestChip()
        chip.unlockOptions()
        chip.write(TestChip.optr, 0x7FAF_F8AA)
        chip.write(TestChip.nscr, 1 << 27)
        #expect(chip.machine.controller.effective == .factory)
    }

    @Test func dbankChangeWithWriteProtectionSetsOPTWERR() {
        var options = OptionBytes.factory
        options[.wrp1ar] = 0xFF80_0000  // pages 0..0 protected
        let chip = TestChip(options: options)
        chip.unlockOptions()
        chip.write(TestChip.optr, 0x7FAF_F8AA)
        chip.write(TestChip.nscr, 1 << 17)
        #expect(chip.has(.optwerr))
        #expect(chip.machine.controller.pending.dualBankBit)
    }

    @Test func dbankChangeErasesByDefault() throws {
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        _ = try engine.program(
            try MemoryImage(segments: [.init(address: 0x0800_0000, bytes: [1, 2, 3, 4, 5, 6, 7, 8])]))
        _ = try engine.setOptions([("DBANK", 0)], launch: true)
        #expect(try engine.read(from: 0x0800_0000, count: 8) == [UInt8](repeating: 0xFF, count: 8))
    }

    @Test func dbankChangeKeepAssumption() throws {
        var state = DeviceState.factoryFresh(.stm32l562xE)
        state.assumptions.bankModeChange = .keep
        let engine = FlashEngine(machine: Machine(state: state))
        _ = try engine.program(
            try MemoryImage(segments: [.init(address: 0x0800_0000, bytes: [1, 2, 3, 4, 5, 6, 7, 8])]))
        _ = try engine.setOptions([("DBANK", 0)], launch: true)
        #expect(try engine.read(from: 0x0800_0000, count: 8) == [1, 2, 3, 4, 5, 6, 7, 8])
    }
}
