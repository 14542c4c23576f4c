import Testing

@testable import FlashCore

/// The system memory and DBGMCU on the bus (reference §8; debug-port.md §5), provoked
/// through bus accesses as firmware, a debugger or OpenOCD makes them.
@Suite struct SystemAreaTests {
    static let otp: UInt32 = 0x0BFA_0000

    func programOTP(_ chip: TestChip, _ address: UInt32, _ low: UInt32, _ high: UInt32) {
        chip.write(TestChip.nssr, StatusFlag.errorMask)
        chip.programDoubleWord(address, low, high)
    }

    @Test func otpIsProgrammedByDoubleWordThroughNSCR() {
        let chip = TestChip()
        #expect(chip.read(Self.otp) == 0xFFFF_FFFF, "erased when new")
        chip.unlock()
        programOTP(chip, Self.otp + 8, 0x1122_3344, 0x5566_7788)
        #expect(chip.nssr & StatusFlag.errorMask == 0)
        #expect(chip.read(Self.otp + 8) == 0x1122_3344)
        #expect(chip.read(Self.otp + 12) == 0x5566_7788)
        #expect(chip.machine.bus.read(Self.otp + 9, size: .byte) == 0x33)
        #expect(chip.machine.controller.otp.isDirty)
    }

    @Test func anOTPDoubleWordIsProgrammedOnce() {
        let chip = TestChip()
        chip.unlock()
        programOTP(chip, Self.otp, 0x0000_00AA, 0xFFFF_FFFF)
        programOTP(chip, Self.otp, 0x0000_0055, 0xFFFF_FFFF)
        #expect(chip.has(.progerr))
        #expect(chip.read(Self.otp) == 0x0000_00AA, "unchanged")
        // All zeros is the one value a programmed double word still takes (the main flash's rule).
        programOTP(chip, Self.otp, 0, 0)
        #expect(chip.nssr & StatusFlag.errorMask == 0)
        #expect(chip.read(Self.otp) == 0)
    }

    @Test func theProgramRulesOfTheMainFlashApply() {
        let chip = TestChip()
        chip.unlock()
        chip.write(Self.otp, 1)
        #expect(chip.has(.pgserr), "no PG")
        chip.write(TestChip.nssr, StatusFlag.errorMask)
        chip.write(TestChip.nscr, ControlField.pg.mask)
        chip.write(Self.otp + 4, 1)
        #expect(chip.has(.pgaerr), "first word not on a double word")
        chip.write(TestChip.nssr, StatusFlag.errorMask)
        chip.write(Self.otp, 1, size: .byte)
        #expect(chip.has(.sizerr))
        #expect(chip.read(Self.otp) == 0xFFFF_FFFF)
    }

    @Test func noEraseReachesTheOTP() {
        let chip = TestChip()
        chip.unlock()
        programOTP(chip, Self.otp, 0x1234_5678, 0x0BAD_F00D)
        chip.write(TestChip.nscr, ControlField.mer1.mask | ControlField.mer2.mask)
        chip.write(TestChip.nscr, ControlField.mer1.mask | ControlField.mer2.mask | ControlField.strt.mask)
        chip.waitIdle()
        for pnb: UInt32 in [0, 127] { chip.erasePage(pnb: pnb) }
        #expect(chip.read(Self.otp) == 0x1234_5678)
    }

    @Test(arguments: [("nscr-or-seccr", true), ("nscr-only", false)])
    func withTrustZoneOTPUnderSECCRFollowsTheAssumption(_ choice: String, _ lands: Bool) throws {
        var options = OptionBytes.factory
        options[.optr] |= 1 << 31
        var assumptions = ModelAssumptions()
        try assumptions.apply("otp-program-registers=\(choice)")
        let chip = TestChip(assumptions: assumptions, options: options)
        chip.write(TestChip.seckeyr, 0x4567_0123)
        chip.write(TestChip.seckeyr, 0xCDEF_89AB)
        // OpenOCD with TZEN=1: PG in SECCR, the double word to the OTP bank.
        chip.write(TestChip.seccr, ControlField.pg.mask)
        chip.write(Self.otp, 0xCAFE_F00D)
        chip.write(Self.otp + 4, 0x0000_0001)
        chip.waitIdle()
        #expect((chip.read(Self.otp) == 0xCAFE_F00D) == lands)
        #expect(chip.has(.pgserr) == !lands, "under nscr-only the write finds NSCR.PG clear")
    }

    @Test func theUIDIsReadOnlyAndTheMachines() {
        let uid = DeviceUID(seed: "test")
        let chip = TestChip(machine: Machine(state: DeviceState(part: .stm32l562xE, uid: uid)))
        #expect((0..<3).map { chip.read(0x0BFA_0590 + UInt32($0) * 4) } == (0..<3).map { uid.word($0) })
        #expect(chip.machine.bus.read(0x0BFA_0591, size: .byte) == UInt32(uid.bytes[1]))
        #expect(!chip.write(0x0BFA_0590, 0), "refused: read-only")
        #expect(chip.read(0x0BFA_0590) == uid.word(0))
        #expect(DeviceUID(seed: "test") == uid, "the same seed, the same UID")
        #expect(DeviceUID(seed: "other") != uid)
    }

    @Test(arguments: [(Part.stm32l562xE, UInt32(512), UInt32(0x12)), (.stm32l552xE, 512, 0x11), (.stm32l552xC, 256, 0)])
    func flashSizeAndPackageFollowThePart(_ part: Part, _ kilobytes: UInt32, _ package: UInt32) {
        let chip = TestChip(part)
        #expect(chip.machine.bus.read(0x0BFA_05E0, size: .halfWord) == kilobytes)
        #expect(chip.read(0x0BFA_0500).map { SystemInfoField.pkg.value(in: $0) } == package)
        #expect(!chip.write(0x0BFA_05E0, 0))
    }

    @Test func dbgmcuIdentifiesAnL5RevisionB() {
        let chip = TestChip()
        let idcode = chip.read(0xE004_4000) ?? 0
        #expect(idcode == 0x2000_0472)
        #expect(DBGMCUField.devID.value(in: idcode) == 0x472)
        #expect(DBGMCUField.revID.value(in: idcode) == 0x2000)
        #expect(!chip.write(0xE004_4000, 0), "IDCODE is read-only")
        // OpenOCD's examine-end event writes DBGMCU_CR and APB1FZR1; they read back.
        #expect(chip.write(0xE004_4004, 0x0000_0006))
        #expect(chip.write(0xE004_4008, 0x0000_1800))
        #expect(chip.read(0xE004_4004) == 0x0000_0006)
        #expect(chip.read(0xE004_4008) == 0x0000_1800)
        #expect(chip.machine.describe(0xE004_4004).register?.name == "DBGMCU_CR")
    }

    /// OpenOCD's stm32l4_read_idcode: L4/G4 at 0xE004_2000, then the L5 at 0xE004_4000, then the
    /// G0 at 0x4001_5800; the first whose DEV_ID is neither 0 nor 0xFFF (a failed read passes on) wins.
    @Test(arguments: ["zero", "bus-error"])
    func openOCDFindsTheL5IDCode(_ choice: String) throws {
        var assumptions = ModelAssumptions()
        try assumptions.apply("old-dbgmcu-address=\(choice)")
        let chip = TestChip(assumptions: assumptions)
        #expect((chip.read(0xE004_2000) == nil) == (choice == "bus-error"))
        #expect(chip.read(0x4001_5800) == 0, "SAI2_GCR after reset")
        let found = [0xE004_2000, 0xE004_4000, 0x4001_5800].lazy.compactMap { chip.read($0) }.first {
            $0 & 0xFFF != 0 && $0 & 0xFFF != 0xFFF
        }
        #expect(found == 0x2000_0472)
    }

    @Test func theEngineProgramsOTPAndRefusesTheRest() throws {
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        let image = try MemoryImage(segments: [.init(address: Self.otp + 0x10, bytes: Array("serial-0042".utf8))])
        let result = try engine.program(image, verify: true)
        #expect(result.succeeded)
        #expect(result.algorithm == "otp")
        #expect(result.bytesProgrammed == 11)
        #expect(result.verifyMismatches == [])
        #expect(try engine.read(from: Self.otp + 0x10, count: 11) == Array("serial-0042".utf8))
        // Programming it again hits programmed double words: PROGERR, explained.
        let again = try engine.program(image)
        #expect(again.errors.map(\.flag) == ["PROGERR"])
        #expect(again.errors.first?.explanation.contains("OTP") == true)
        #expect(throws: EngineError.self) {
            try engine.program(try MemoryImage(segments: [.init(address: 0x0BFA_0590, bytes: [1])]))
        }
        #expect(throws: EngineError.self) { try engine.erase(from: Self.otp) }
        #expect(throws: EngineError.self) { try engine.read(from: 0x0BFA_0200, count: 4) }
        #expect(try engine.read(from: 0x0BFA_05E0, count: 2) == [0x00, 0x02])
        #expect(try engine.read(from: 0xE004_4000, count: 4) == [0x72, 0x04, 0x00, 0x20])
    }

    @Test func theOTPIsPartOfTheDeviceState() {
        let machine = Machine(state: .factoryFresh(.stm32l562xE))
        #expect(!machine.changes.otp)
        let chip = TestChip(machine: machine)
        chip.unlock()
        programOTP(chip, Self.otp + 0x1F8, 0xDEAD_BEEF, 0x0000_0000)
        #expect(machine.changes.otp)
        let copy = Machine(state: machine.state)
        #expect(copy.bus.read(Self.otp + 0x1F8) == 0xDEAD_BEEF)
        #expect(copy.uid == machine.uid)
    }

    @Test func locateNamesEachSystemWord() throws {
        #expect(try SystemArea.locate(0x0BFA_0007).area == .otp)
        #expect(try SystemArea.locate(0x0BFA_0007).doubleWord == 0x0BFA_0000)
        #expect(try SystemArea.locate(0x0BFA_0598).register == "UID2")
        #expect(try SystemArea.locate(0x0BFA_05E1).register == "FLASH_SIZE")
        #expect(try SystemArea.locate(0xE004_4008).register == "DBGMCU_APB1FZR1")
        #expect(throws: LocateError.self) { try SystemArea.locate(0x0BFA_0300) }
        #expect(FlashRegion.of(0x0BFA_0000) == .system)
    }

    @Test func borLevelTakesFiveLevels() throws {
        // Reference §8: BOR_LEV takes 0..4 only (the HAL's IS_OB_USER_BOR_LEVEL).
        var options = OptionBytes.factory
        try options.apply([("BOR_LEV", 4)], part: .stm32l562xE, assumptions: .defaults)
        #expect(throws: OptionBytesError.valueTooLarge(field: "BOR_LEV", value: 5, max: 4)) {
            try options.apply([("BOR_LEV", 5)], part: .stm32l562xE, assumptions: .defaults)
        }
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        #expect(throws: EngineError.self) { try engine.setOptions([("BOR_LEV", 7)], launch: false) }
        #expect(engine.machine.controller.pending.value(of: "BOR_LEV") == 0)
    }
}
