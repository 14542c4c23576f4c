import Testing
@testable import FlashCore

/// Reference §8: OBL_LAUNCH reloads the option bytes under a system reset. Registers return to
/// their reset values, the machine counts the reset (a debugger connected later sees it), and
/// the engine's result says the device reset and where it boots from.
@Suite struct ResetTests {
    @Test func oblLaunchIsASystemReset() {
        let chip = TestChip()
        chip.unlock()
        chip.write(TestChip.base + 0x80, 0xFFFF_FFFF)  // SECBB1R1
        chip.write(TestChip.nscr, ControlField.eopie.mask)
        let octospiDCR1 = OctoSPIRegisters.base + OctoSPIRegister.dcr1.offset
        chip.write(octospiDCR1, 0x0019_0000)
        #expect(chip.machine.resetCount == 0)
        chip.write(TestChip.optkeyr, 0x0819_2A3B)
        chip.write(TestChip.optkeyr, 0x4C5D_6E7F)
        chip.write(TestChip.nscr, ControlField.oblLaunch.mask)
        #expect(chip.machine.resetCount == 1)
        #expect(chip.machine.lastReset?.cause == .optionByteLoad)
        #expect(chip.nscr == 0xC000_0000, "NSCR at its reset value: LOCK and OPTLOCK set, EOPIE clear")
        #expect(chip.read(TestChip.base + 0x80) == 0, "SECBB1R1 at its reset value")
        #expect(chip.read(octospiDCR1) == 0, "OCTOSPI1 reset with the rest of the chip")
    }

    @Test func theEngineSaysTheDeviceResetAndWhereItBoots() throws {
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        let vectors = [UInt8]([0x00, 0x00, 0x04, 0x20, 0xC1, 0x01, 0x00, 0x08])  // SP 0x20040000, reset 0x080001C1
        _ = try engine.program(try MemoryImage(segments: [.init(address: 0x0800_0000, bytes: vectors)]))
        let staged = try engine.setOptions([("nRST_STOP", 0)], launch: false)
        #expect(staged.reset == nil, "OPTSTRT alone resets nothing")
        let launched = engine.launchOptions()
        #expect(launched.succeeded)
        let reset = try #require(launched.reset)
        #expect(reset.cause == .optionByteLoad)
        #expect(reset.boot.selection.address == 0x0800_0000)
        #expect(reset.boot.vectors == .found(initialSP: 0x2004_0000, resetVector: 0x0800_01C1))
        #expect(launched.summary.contains("device reset (OBL_LAUNCH)"))
        #expect(engine.machine.resetCount == 1)
    }

    /// After the reset the register reads return the loaded values, not what was written before.
    @Test func theResetEndsTheWrittenPhase() {
        let chip = TestChip()
        chip.unlockOptions()
        chip.write(TestChip.optr, 0x7FAF_F8AA)  // DBANK=0 written, never programmed (no OPTSTRT)
        #expect(chip.read(TestChip.optr) == 0x7FAF_F8AA)
        chip.write(TestChip.nscr, ControlField.oblLaunch.mask)
        #expect(chip.read(TestChip.optr) == 0x7FEF_F8AA, "the reload loads what was programmed, and reads return it")
    }
}

/// The boot address after a reset (the sibling STM32U5's boot tables, RM0456, whose option bits
/// the L5 shares), from nSWBOOT0/nBOOT0, the BOOT0 pin (assumption boot0-pin), TZEN and BOOT_LOCK.
@Suite struct BootSelectionTests {
    struct Case: Sendable, CustomStringConvertible {
        var tzen: UInt32
        var nSWBOOT0: UInt32
        var nBOOT0: UInt32
        var bootLock: UInt32
        var pin: ProtectionAssumptions.Boot0Pin
        var source: BootSelection.Source
        var description: String {
            "TZEN=\(tzen) nSWBOOT0=\(nSWBOOT0) nBOOT0=\(nBOOT0) BOOT_LOCK=\(bootLock) pin \(pin)"
        }
    }

    static let cases: [Case] = [
        Case(tzen: 0, nSWBOOT0: 1, nBOOT0: 1, bootLock: 0, pin: .low, source: .nsBootAddress0),
        Case(tzen: 0, nSWBOOT0: 1, nBOOT0: 0, bootLock: 0, pin: .high, source: .nsBootAddress1),
        Case(tzen: 0, nSWBOOT0: 0, nBOOT0: 1, bootLock: 0, pin: .high, source: .nsBootAddress0),
        Case(tzen: 0, nSWBOOT0: 0, nBOOT0: 0, bootLock: 0, pin: .low, source: .nsBootAddress1),
        Case(tzen: 1, nSWBOOT0: 1, nBOOT0: 1, bootLock: 0, pin: .low, source: .secBootAddress0),
        Case(tzen: 1, nSWBOOT0: 1, nBOOT0: 1, bootLock: 0, pin: .high, source: .rss),
        Case(tzen: 1, nSWBOOT0: 0, nBOOT0: 0, bootLock: 0, pin: .low, source: .rss),
        Case(tzen: 1, nSWBOOT0: 0, nBOOT0: 0, bootLock: 1, pin: .high, source: .secBootAddress0),
    ]

    @Test(arguments: cases)
    func theBootTablePicksTheSource(_ test: Case) {
        var options = OptionBytes.factory
        options[OptionField.tzen] = test.tzen
        options[OptionField.nSWBOOT0] = test.nSWBOOT0
        options[OptionField.nBOOT0] = test.nBOOT0
        options[OptionField.bootLock] = test.bootLock
        let selection = BootSelection(options: options, boot0Pin: test.pin)
        #expect(selection.source == test.source)
        // Reference §2.2 factory addresses: 0x08000000, 0x0BF90000, 0x0C000000; the RSS at 0x0FF80000.
        let expected: [BootSelection.Source: UInt32] = [
            .nsBootAddress0: 0x0800_0000, .nsBootAddress1: 0x0BF9_0000, .secBootAddress0: 0x0C00_0000,
            .rss: 0x0FF8_0000,
        ]
        #expect(selection.address == expected[test.source])
    }

    /// With SWAP_BANK=1 the boot address 0x08000000 is physical bank 2: its vector table is the one found.
    @Test func swapBankPicksTheOtherBanksVectorTable() throws {
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        let bank1 = [UInt8]([0x00, 0x80, 0x03, 0x20, 0x01, 0x02, 0x00, 0x08])
        let bank2 = [UInt8]([0x00, 0x00, 0x04, 0x20, 0x41, 0x03, 0x00, 0x08])
        _ = try engine.program(
            try MemoryImage(segments: [
                .init(address: 0x0800_0000, bytes: bank1), .init(address: 0x0804_0000, bytes: bank2),
            ]))
        #expect(engine.machine.boot.vectors == .found(initialSP: 0x2003_8000, resetVector: 0x0800_0201))
        let result = try engine.setOptions([("SWAP_BANK", 1)], launch: true)
        #expect(result.reset?.boot.vectors == .found(initialSP: 0x2004_0000, resetVector: 0x0800_0341))
    }

    @Test func bootTargetsOutsideTheFlashAreNamed() throws {
        var state = DeviceState.factoryFresh(.stm32l562xE)
        state.effective[OptionField.nSWBOOT0] = 0
        state.effective[OptionField.nBOOT0] = 0
        #expect(Machine(state: state).boot.vectors == .notModelled("system memory (ST's bootloader)"))
        state = .factoryFresh(.stm32l562xE)
        #expect(Machine(state: state).boot.vectors == .erased)
        try state.effective.apply([("NSBOOTADD0", 0x2000_0000)], part: .stm32l562xE, assumptions: .defaults)
        #expect(Machine(state: state).boot.vectors == .notModelled("SRAM"))
    }
}
