import Testing

@testable import FlashCore

/// Each option value's meaning, as STM32CubeProgrammer puts it beside the value (reference §2.1, §2.2, §8).
@Suite struct OptionMeaningTests {
    private let part = Part.stm32l562xE

    private func meaning(_ name: String, _ settings: [(String, UInt32)] = []) throws -> String {
        var options = OptionBytes.factory
        try options.apply(settings.map { (name: $0.0, value: $0.1) }, part: part, assumptions: .defaults)
        let layout = FlashLayout(part: part, options: options, assumptions: .defaults)
        let field = try #require(OptionField.named(name))
        return options.meaning(of: field, layout: layout)
    }

    @Test func readoutLevels() throws {
        // §8: 0xAA level 0, 0x55 level 0.5 only with TZEN=1, 0xCC level 2, anything else level 1.
        #expect(try meaning("RDP") == "no readout protection")
        #expect(try meaning("RDP", [("RDP", 0xBB)]) == "flash closed to the debugger; back to 0 mass-erases")
        #expect(try meaning("RDP", [("RDP", 0x55)]) == "flash closed to the debugger; back to 0 mass-erases")
        #expect(
            try meaning("RDP", [("TZEN", 1), ("RDP", 0x55)]) == "secure flash closed to the debugger, non-secure open")
        #expect(try meaning("RDP", [("RDP", 0xCC)]) == "permanent: option bytes frozen, debug port gone")
    }

    @Test func flagsReadTheSideTheyAreOn() throws {
        #expect(try meaning("nSWBOOT0") == "BOOT0 from the pin")
        #expect(try meaning("nSWBOOT0", [("nSWBOOT0", 0)]) == "BOOT0 from nBOOT0")
        #expect(try meaning("SWAP_BANK", [("SWAP_BANK", 1)]) == "bank 2 at 0x08000000")
        #expect(try meaning("TZEN") == "TrustZone off")
        #expect(try meaning("nBOOT0", [("nBOOT0", 0)]) == "software BOOT0 high")
    }

    /// Every flag's meaning names both of its values, so a flag's row never reads as its bare bit.
    @Test func everyFlagSaysWhatBothValuesMean() {
        for field in OptionField.all where field.kind == .flag {
            #expect(field.meaning.hasPrefix("0: ") && field.meaning.contains("; 1: "), "\(field.name)")
        }
    }

    @Test func bootAddressesSayWhereTheyPoint() throws {
        #expect(try meaning("NSBOOTADD0") == "flash bank 1 page 0")
        #expect(try meaning("NSBOOTADD0", [("NSBOOTADD0", 0x0804_0800)]) == "flash bank 2 page 1")
        #expect(try meaning("NSBOOTADD1") == "system memory (ST's bootloader)")
        #expect(try meaning("NSBOOTADD0", [("NSBOOTADD0", 0x2000_0000)]) == "SRAM")
    }

    @Test func writeProtectionAreasAsAddresses() throws {
        // Factory: PSTRT 127 > PEND 0, the area is off (§2.2).
        #expect(try meaning("WRP1A_PSTRT") == "write-protected: none (WRP1A_PSTRT > WRP1A_PEND)")
        let on: [(String, UInt32)] = [("WRP1A_PSTRT", 0x10), ("WRP1A_PEND", 0x12)]
        #expect(try meaning("WRP1A_PEND", on) == "write-protected 0x08008000–0x080097FF (pages 16–18)")
        // Bank 2's areas number bank 2's pages; with SWAP_BANK=1 that bank sits at 0x08000000.
        let bank2: [(String, UInt32)] = [("WRP2A_PSTRT", 1), ("WRP2A_PEND", 1)]
        #expect(try meaning("WRP2A_PSTRT", bank2) == "write-protected 0x08040800–0x08040FFF (page 1)")
        #expect(
            try meaning("WRP2A_PSTRT", bank2 + [("SWAP_BANK", 1)]) == "write-protected 0x08000800–0x08000FFF (page 1)")
        // DBANK=0: one bank of 4 KiB pages.
        #expect(try meaning("WRP1A_PEND", on + [("DBANK", 0)]) == "write-protected 0x08010000–0x08012FFF (pages 16–18)")
    }

    @Test func secureWatermarksAndHideAreas() throws {
        #expect(try meaning("SECWM1_PSTRT") == "secure 0x08000000–0x0803FFFF (pages 0–127, not in force: TZEN=0)")
        #expect(try meaning("SECWM1_PSTRT", [("TZEN", 1)]) == "secure 0x08000000–0x0803FFFF (pages 0–127)")
        #expect(try meaning("HDP1_PEND") == "hidden: none (HDP1EN=0)")
        #expect(
            try meaning("HDP1_PEND", [("TZEN", 1), ("HDP1EN", 1), ("HDP1_PEND", 3)])
                == "hidden 0x08000000–0x08001FFF (pages 0–3)")
    }
}
