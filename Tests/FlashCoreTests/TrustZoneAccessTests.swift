import Testing

@testable import FlashCore

/// TrustZone access control with TZEN=1 (reference §8, §5 WRPERR; the HAL's watermark,
/// block-based and hide-area configuration), provoked through bus accesses.
@Suite struct TrustZoneAccessTests {
    static let secbb1R1 = TestChip.base + 0x80, secbb2R1 = TestChip.base + 0xA0
    static let sechdpcr = TestChip.base + 0xC0

    /// TZEN=1; bank 1 pages 0..3 secure by watermark, bank 2 without a watermark; every byte of
    /// the flash 0x5A, so what a read returns shows whether it saw the contents.
    func chip(hideEnd: Int? = nil, _ settings: [String] = []) throws -> TestChip {
        var options = OptionBytes.factory
        options[.optr] |= 1 << 31
        try options.apply(
            [("SECWM1_PSTRT", 0), ("SECWM1_PEND", 3), ("SECWM2_PSTRT", 0x7F), ("SECWM2_PEND", 0)], part: .stm32l562xE,
            assumptions: .defaults)
        if let hideEnd {
            try options.apply(
                [("HDP1_PEND", UInt32(hideEnd)), ("HDP1EN", 1)], part: .stm32l562xE, assumptions: .defaults)
        }
        var assumptions = ModelAssumptions()
        for setting in settings { try assumptions.apply(setting) }
        let part = Part.stm32l562xE
        let state = DeviceState(
            part: part, assumptions: assumptions, effective: options,
            flash: [UInt8](repeating: 0x5A, count: Int(part.flashSize)))
        return TestChip(machine: Machine(state: state))
    }

    func unlockSecure(_ chip: TestChip) {
        chip.write(TestChip.seckeyr, 0x4567_0123)
        chip.write(TestChip.seckeyr, 0xCDEF_89AB)
    }

    func waitSecureIdle(_ chip: TestChip) {
        while (chip.read(TestChip.secsr) ?? 0) & StatusFlag.bsy.mask != 0 { chip.bus.waitForEvent() }
    }

    @Test func aNonSecureReadOfASecurePageReadsZero() throws {
        let chip = try chip()
        #expect(chip.read(0x0800_0000) == 0, "secure page through the non-secure alias")
        #expect(chip.read(0x0C00_0000) == 0x5A5A_5A5A, "the same page through the secure alias")
        #expect(chip.read(0x0800_2000) == 0x5A5A_5A5A, "page 4 is outside the watermark")
        #expect(chip.read(0x0C00_2000) == 0, "a non-secure page through the secure alias")
        #expect(chip.machine.bus.read(0x0800_1FFE, size: .halfWord) == 0)
        let notes = chip.machine.trace.entries.flatMap(\.notes).map { "\($0)" }
        #expect(notes.contains { $0.contains("illegal access") })
    }

    @Test func theMismatchCanBeABusFault() throws {
        let chip = try chip(["security-mismatch-read=bus-error"])
        #expect(chip.read(0x0800_0000) == nil)
        #expect(chip.read(0x0C00_0000) == 0x5A5A_5A5A)
    }

    @Test func anNSCREraseOfASecurePageIsWRPERRAndErasesNothing() throws {
        let chip = try chip()
        chip.unlock()
        chip.erasePage(pnb: 1)
        #expect(chip.has(.wrperr))
        #expect(chip.read(0x0C00_0800) == 0x5A5A_5A5A)
        // Through SECCR (SECKEYR unlock) the same page erases.
        unlockSecure(chip)
        chip.write(TestChip.seccr, ControlField.pageErase(pnb: 1, bker: 0))
        chip.write(TestChip.seccr, ControlField.pageErase(pnb: 1, bker: 0) | ControlField.strt.mask)
        waitSecureIdle(chip)
        #expect((chip.read(TestChip.secsr) ?? 0) & StatusFlag.errorMask == 0)
        #expect(chip.read(0x0C00_0800) == 0xFFFF_FFFF)
    }

    @Test func anNSCRProgramOfASecurePageIsWRPERRAndWritesNothing() throws {
        let chip = try chip()
        chip.unlock()
        unlockSecure(chip)
        chip.write(TestChip.seccr, ControlField.pageErase(pnb: 2, bker: 0) | ControlField.strt.mask)
        waitSecureIdle(chip)
        chip.write(TestChip.seccr, 0)
        chip.programDoubleWord(0x0800_1000, 0x1234_5678, 0x9ABC_DEF0)
        #expect(chip.has(.wrperr))
        #expect(chip.read(0x0C00_1000) == 0xFFFF_FFFF, "the write was ignored")
        // SECCR.PG and the secure alias program it.
        chip.write(TestChip.seccr, ControlField.pg.mask)
        chip.write(0x0C00_1000, 0x1234_5678)
        chip.write(0x0C00_1004, 0x9ABC_DEF0)
        waitSecureIdle(chip)
        #expect(chip.read(0x0C00_1000) == 0x1234_5678)
    }

    @Test func aBlockBasedBitMakesAPageSecure() throws {
        let chip = try chip()
        #expect(chip.read(0x0804_0000) == 0x5A5A_5A5A)
        chip.write(Self.secbb2R1, 1)
        #expect(chip.read(0x0804_0000) == 0, "bank 2 page 0 is now block-based secure")
        #expect(chip.read(0x0804_0800) == 0x5A5A_5A5A, "page 1 is not")
        let page = try #require(chip.machine.layout.page(physicalBank: 2, pnb: 0))
        #expect(chip.machine.controller.security(of: page) == .secure)
    }

    @Test func aClosedHideAreaRefusesEveryone() throws {
        let chip = try chip(hideEnd: 1)
        #expect(chip.read(0x0C00_0000) == 0x5A5A_5A5A, "open until HDP1_ACCDIS is set")
        chip.write(Self.sechdpcr, HideProtectionField.hdp1AccessDisabled.mask)
        #expect(chip.read(0x0C00_0000) == 0, "hidden from the secure side too")
        #expect(chip.read(0x0C00_0800) == 0)
        #expect(chip.read(0x0C00_1000) == 0x5A5A_5A5A, "page 2 is secure but not hidden")
        unlockSecure(chip)
        chip.write(TestChip.seccr, ControlField.pageErase(pnb: 0, bker: 0) | ControlField.strt.mask)
        waitSecureIdle(chip)
        #expect((chip.read(TestChip.secsr) ?? 0) & StatusFlag.wrperr.mask != 0, "no erase reaches it")
        // Writing 0 does not open it; only a reset does.
        chip.write(Self.sechdpcr, 0)
        #expect(chip.read(Self.sechdpcr) == 1)
        chip.machine.controller.reset()
        #expect(chip.read(0x0C00_0000) == 0x5A5A_5A5A)
    }

    @Test func aClosedHideAreaCanFault() throws {
        let chip = try chip(hideEnd: 0, ["hidden-area-read=bus-error"])
        chip.write(Self.sechdpcr, HideProtectionField.hdp1AccessDisabled.mask)
        #expect(chip.read(0x0C00_0000) == nil)
    }

    /// Reference §8: changing DBANK needs SECBB clear and no hide area, else OPTWERR.
    @Test(arguments: ["SECBB", "HDP"])
    func blockBasedAndHideAreasBlockADBANKChange(_ blocker: String) throws {
        var options = OptionBytes.factory
        options[.optr] |= 1 << 31
        // No watermark and no WRP, so only the blocker under test stands in the way.
        try options.apply(
            [("SECWM1_PSTRT", 0x7F), ("SECWM1_PEND", 0), ("SECWM2_PSTRT", 0x7F), ("SECWM2_PEND", 0)],
            part: .stm32l562xE, assumptions: .defaults)
        if blocker == "HDP" { try options.apply([("HDP1EN", 1)], part: .stm32l562xE, assumptions: .defaults) }
        let chip = TestChip(options: options)
        if blocker == "SECBB" { chip.write(Self.secbb1R1, 0x8000_0000) }
        chip.unlockOptions()
        let optr = chip.read(TestChip.optr) ?? 0
        chip.write(TestChip.optr, optr & ~(1 << 22))
        chip.write(TestChip.nscr, ControlField.optstrt.mask)
        chip.waitIdle()
        #expect(chip.has(.optwerr))
        #expect(chip.machine.controller.pending.dualBankBit, "nothing staged")
    }

    @Test func withTheBlockersClearADBANKChangeIsStaged() throws {
        var options = OptionBytes.factory
        options[.optr] |= 1 << 31
        try options.apply(
            [("SECWM1_PSTRT", 0x7F), ("SECWM1_PEND", 0), ("SECWM2_PSTRT", 0x7F), ("SECWM2_PEND", 0)],
            part: .stm32l562xE, assumptions: .defaults)
        let chip = TestChip(options: options)
        chip.unlockOptions()
        chip.write(TestChip.optr, (chip.read(TestChip.optr) ?? 0) & ~(1 << 22))
        chip.write(TestChip.nscr, ControlField.optstrt.mask)
        chip.waitIdle()
        #expect(!chip.has(.optwerr))
        #expect(!chip.machine.controller.pending.dualBankBit)
    }

    @Test func eachPageSaysWhichRegistersReachIt() throws {
        let chip = try chip(hideEnd: 0)
        let controller = chip.machine.controller
        let layout = chip.machine.layout
        let secure = try #require(layout.page(physicalBank: 1, pnb: 1))
        let open = try #require(layout.page(physicalBank: 2, pnb: 0))
        #expect(controller.security(of: secure).route(trustZone: true).hasPrefix("SECCR (unlocked through SECKEYR)"))
        #expect(controller.security(of: open).route(trustZone: true).hasPrefix("NSCR (unlocked through NSKEYR)"))
        chip.write(Self.sechdpcr, 1)
        let hidden = try #require(layout.page(physicalBank: 1, pnb: 0))
        #expect(controller.security(of: hidden) == .hidden)
    }

    @Test func theEngineReadsContentsThroughTheMatchingAlias() throws {
        let chip = try chip()
        let engine = FlashEngine(machine: chip.machine)
        #expect(try engine.read(from: 0x0800_1FFC, count: 8) == [0, 0, 0, 0, 0x5A, 0x5A, 0x5A, 0x5A])
        #expect(try engine.read(from: 0x0800_1FFC, count: 8, asContents: true) == [UInt8](repeating: 0x5A, count: 8))
        #expect(
            engine.refusedRanges(from: 0x0800_0000, count: 0x3000) == [AddressRange(from: 0x0800_0000, to: 0x0800_1FFF)]
        )
        #expect(
            engine.refusedRanges(from: 0x0C00_1800, count: 0x1000) == [AddressRange(from: 0x0C00_2000, to: 0x0C00_27FF)]
        )
    }

    @Test func theBankAwareAlgorithmProgramsASecurePageAndVerifies() throws {
        let chip = try chip()
        let engine = FlashEngine(machine: chip.machine)
        let image = try MemoryImage(segments: [.init(address: 0x0800_0800, bytes: Array("SECURE!!".utf8))])
        let result = try engine.program(image, verify: true)
        #expect(result.succeeded)
        #expect(result.verifyMismatches == [])
        #expect(chip.read(0x0C00_0800) == 0x5543_4553, "\"SECU\" through the secure alias")
        #expect(
            try engine.read(from: 0x0800_0810, count: 4, asContents: true) == [0x5A, 0x5A, 0x5A, 0x5A], "preserved")
    }
}
