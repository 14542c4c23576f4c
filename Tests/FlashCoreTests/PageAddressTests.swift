import Testing

@testable import FlashCore

/// Page fields of the write-protection areas, secure watermarks and hide areas typed as a flash
/// address: the page holding it, numbered within the field's bank as the reference numbers pages
/// (§1 geometry, §2.2 "page numbers within a bank", §4.3 and §4.4 worked tables), under the
/// layout the option bytes will be in force with.
@Suite struct PageAddressTests {
    /// Factory option bytes with `setup` applied, then `settings` (the set under test).
    private func staged(
        _ settings: [(String, UInt32)], after setup: [(String, UInt32)] = [], part: Part = .stm32l562xE
    ) throws -> OptionBytes {
        var options = OptionBytes.factory
        try options.apply(setup.map { (name: $0.0, value: $0.1) }, part: part, assumptions: .defaults)
        try options.apply(settings.map { (name: $0.0, value: $0.1) }, part: part, assumptions: .defaults)
        return options
    }

    /// A field typed as an address, with the bank mode set first, and the page it must give.
    struct Case: Sendable, CustomTestStringConvertible {
        var field: String
        var address: UInt32
        var setup: [String: UInt32] = [:]
        var page: UInt32
        var testDescription: String { "\(field)=\(hex(address)) \(setup) → page \(page)" }
    }

    // §4.3, 512 KB part: address → PNB in each bank mode; bank 1 areas take bank 1's pages.
    static let cases: [Case] = [
        // DBANK=1, SWAP=0: 2 KB pages, bank 2 from 0x08040000.
        Case(field: "WRP1A_PSTRT", address: 0x0800_0000, page: 0),
        Case(field: "WRP1A_PSTRT", address: 0x0800_0800, page: 1),
        Case(field: "WRP1A_PEND", address: 0x0803_F800, page: 127),
        Case(field: "WRP2A_PSTRT", address: 0x0804_0000, page: 0),
        Case(field: "WRP2B_PEND", address: 0x0807_F800, page: 127),
        Case(field: "SECWM2_PEND", address: 0x0804_0800, page: 1),
        // The secure alias names the same page (§1 aliases).
        Case(field: "WRP1B_PSTRT", address: 0x0C03_F800, page: 127),
        // DBANK=0: one bank of 4 KB pages; every area numbers it (§2.2).
        Case(field: "WRP1A_PSTRT", address: 0x0800_0800, setup: ["DBANK": 0], page: 0),
        Case(field: "WRP1A_PSTRT", address: 0x0803_F800, setup: ["DBANK": 0], page: 63),
        Case(field: "WRP2A_PSTRT", address: 0x0804_0000, setup: ["DBANK": 0], page: 64),
        Case(field: "HDP1_PEND", address: 0x0807_F800, setup: ["DBANK": 0], page: 127),
        // DBANK=1, SWAP=1 (physical): physical bank 2 at 0x08000000, bank 1 at 0x08040000 (§4.1).
        Case(field: "WRP2A_PSTRT", address: 0x0800_0000, setup: ["SWAP_BANK": 1], page: 0),
        Case(field: "WRP1A_PEND", address: 0x0804_0800, setup: ["SWAP_BANK": 1], page: 1),
    ]

    @Test(arguments: cases)
    func anAddressIsThePageHoldingIt(_ example: Case) throws {
        let options = try staged([(example.field, example.address)], after: example.setup.map { ($0.key, $0.value) })
        #expect(options.value(of: example.field) == example.page)
    }

    @Test func aMidPageAddressIsItsPage() throws {
        // 0x0803F9AB is inside page 127 of bank 1 (0x0803F800–0x0803FFFF).
        #expect(try staged([("WRP1A_PSTRT", 0x0803_F9AB)]).value(of: "WRP1A_PSTRT") == 127)
        // The last byte of an area names its last page: the area ends with that page's last byte.
        #expect(try staged([("WRP1A_PEND", 0x0803_FFFF)]).value(of: "WRP1A_PEND") == 127)
    }

    @Test func aSmallNumberStaysAPageNumber() throws {
        #expect(try staged([("WRP2A_PSTRT", 5)]).value(of: "WRP2A_PSTRT") == 5)
        #expect(try staged([("WRP2A_PSTRT", 127)]).value(of: "WRP2A_PSTRT") == 127)
        var options = OptionBytes.factory
        #expect(throws: OptionBytesError.valueTooLarge(field: "WRP2A_PSTRT", value: 128, max: 127)) {
            try options.apply([("WRP2A_PSTRT", 128)], part: .stm32l562xE, assumptions: .defaults)
        }
        #expect(
            OptionBytesError.valueTooLarge(field: "WRP2A_PSTRT", value: 128, max: 127).description
                == "WRP2A_PSTRT=128 does not fit: the field holds 0 to 127, or takes a flash address for the page "
                + "holding it")
    }

    @Test func anAddressInTheOtherBankIsRefusedNamingBoth() {
        var options = OptionBytes.factory
        #expect {
            try options.apply(
                [("WRP1B_PEND", 3), ("WRP1A_PSTRT", 0x0804_0000)], part: .stm32l562xE, assumptions: .defaults)
        } throws: { error in
            (error as? OptionBytesError)?.description
                == "WRP1A_PSTRT=0x08040000 names no page of its bank: it lies in bank 2, but WRP1A_PSTRT numbers "
                + "the pages of bank 1, 0x08000000–0x0803FFFF (DBANK=1)"
        }
        #expect(options == .factory, "nothing of the set is applied")
    }

    @Test func underSwapTheBanksAddressesAreTheOtherHalf() {
        var options = try? staged([], after: [("SWAP_BANK", 1)])
        #expect {
            try options?.apply([("WRP1A_PSTRT", 0x0800_0000)], part: .stm32l562xE, assumptions: .defaults)
        } throws: { error in
            (error as? OptionBytesError)?.description
                == "WRP1A_PSTRT=0x08000000 names no page of its bank: it lies in bank 2 (SWAP_BANK=1 maps it "
                + "there), but WRP1A_PSTRT numbers the pages of bank 1, 0x08040000–0x0807FFFF (DBANK=1, SWAP_BANK=1)"
        }
    }

    @Test func anAddressPastTheFlashIsRefused() {
        var options = OptionBytes.factory
        #expect {
            try options.apply([("WRP2A_PEND", 0x0808_0000)], part: .stm32l562xE, assumptions: .defaults)
        } throws: { error in
            (error as? OptionBytesError)?.description.hasPrefix(
                "WRP2A_PEND=0x08080000 names no page of its bank: past the end of the 512 KiB flash") == true
        }
    }

    /// The layout the fields will be in force with: a DBANK in the same set counts, wherever it is.
    @Test func aBankModeChangeInTheSameSetNumbersThePages() throws {
        // 0x0807F800 is bank 2 under DBANK=1, but page 127 of the one bank under DBANK=0.
        #expect(try staged([("DBANK", 0), ("WRP1A_PSTRT", 0x0807_F800)]).value(of: "WRP1A_PSTRT") == 127)
        #expect(try staged([("WRP1A_PSTRT", 0x0807_F800), ("DBANK", 0)]).value(of: "WRP1A_PSTRT") == 127)
        // And back: with DBANK=0 pending, DBANK=1 in the set makes 0x0803F800 page 127 of bank 1, not 63.
        #expect(
            try staged([("WRP1A_PSTRT", 0x0803_F800), ("DBANK", 1)], after: [("DBANK", 0)]).value(of: "WRP1A_PSTRT")
                == 127)
    }

    // §4.4, 256 KB part, DBANK=1 with DB256K=1, contiguous banks: 0x0803F800 is page 63 of bank 2.
    @Test func aSmallPartNumbersItsOwnBanks() throws {
        #expect(
            try staged([("WRP2A_PEND", 0x0803_F800)], part: .stm32l552xC).value(of: "WRP2A_PEND") == 63)
        #expect(try staged([("WRP1A_PEND", 0x0801_F800)], part: .stm32l552xC).value(of: "WRP1A_PEND") == 63)
        var options = OptionBytes.factory
        #expect(throws: OptionBytesError.self) {
            try options.apply([("WRP1A_PEND", 0x0803_F800)], part: .stm32l552xC, assumptions: .defaults)
        }
    }

    /// What the typed address protects is what the controller then refuses to erase.
    @Test func theControllerProtectsThePagesTheAddressesNamed() throws {
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        let result = try engine.setOptions([("WRP1A_PSTRT", 0x0803_F000), ("WRP1A_PEND", 0x0803_FFFF)], launch: true)
        #expect(result.succeeded)
        #expect(try engine.erase(from: 0x0803_F000).errors.map(\.flag) == ["WRPERR"])
        #expect(try engine.erase(from: 0x0803_F800).errors.map(\.flag) == ["WRPERR"])
        #expect(try engine.erase(from: 0x0803_E800).succeeded, "the page below the area")
        #expect(try engine.erase(from: 0x0804_0000).succeeded, "bank 2")
    }

    @Test func underSwapTheAddressProtectsThePageAtThatAddress() throws {
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        _ = try engine.setOptions([("SWAP_BANK", 1)], launch: true)
        // Physical bank 1 sits at 0x08040000 now: its page 1 is 0x08040800.
        let result = try engine.setOptions([("WRP1A_PSTRT", 0x0804_0800), ("WRP1A_PEND", 0x0804_0800)], launch: true)
        #expect(result.succeeded)
        #expect(try engine.erase(from: 0x0804_0800).errors.map(\.flag) == ["WRPERR"])
        #expect(try engine.erase(from: 0x0800_0800).succeeded, "page 1 of physical bank 2")
    }

    @Test func theNoteSaysWhatTheAddressWasReadAs() throws {
        var options = OptionBytes.factory
        let notes = try options.apply(
            [("WRP1A_PSTRT", 0x0803_F900), ("WRP1A_PEND", 127)], part: .stm32l562xE, assumptions: .defaults)
        #expect(
            notes == [
                "WRP1A_PSTRT=0x0803F900 is page 127 of bank 1, 0x0803F800–0x0803FFFF (the page holding it, as "
                    + "DBANK=1 numbers pages)"
            ])
        #expect(OptionField.wrp1AStart.typedValueText(0x0803_F900) == "0x0803F900", "the history keeps the address")
        #expect(OptionField.wrp1AStart.typedValueText(12) == "12")
    }
}
