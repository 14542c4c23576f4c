import Testing
@testable import FlashCore

/// Option fields as users read and type them: boot addresses are addresses (the register keeps
/// bits 31:7, reference §2.2; the HAL's FLASH_OB_BootAddrConfig writes the address masked in
/// place), page fields are page numbers, RDP is a hex code with its level.
@Suite struct OptionFieldTextTests {
    @Test func eachKindReadsAsWhatItIs() {
        let factory = OptionBytes.factory
        #expect(factory.text(of: .nsBootAddress0) == "0x08000000")
        #expect(factory.text(of: .nsBootAddress1) == "0x0BF90000")
        #expect(factory.text(of: .secBootAddress0) == "0x0C000000")
        #expect(factory.text(of: .wrp1AStart) == "page 127")
        #expect(factory.text(of: .rdp) == "level 0 (0xAA)")
        #expect(factory.text(of: .borLevel) == "0")
        #expect(factory.text(of: .dbank) == "1")
        #expect(OptionField.rdp.text(0xCC) == "0xCC")
    }

    @Test func bootAddressesAreTypedAsAddresses() throws {
        var options = OptionBytes.factory
        try options.apply([("NSBOOTADD0", 0x0804_0000)], part: .stm32l562xE, assumptions: .defaults)
        #expect(options[.nsbootadd0r] == 0x0804_007F, "bits 6:0 keep their value")
        #expect(options.text(of: .nsBootAddress0) == "0x08040000")
        #expect(OptionField.nsBootAddress0.typedText(options[OptionField.nsBootAddress0]) == "0x08040000")
    }

    @Test func anUnalignedBootAddressIsRefusedAndChangesNothing() {
        var options = OptionBytes.factory
        #expect(throws: OptionBytesError.unalignedAddress(field: "NSBOOTADD0", address: 0x0800_0010)) {
            try options.apply(
                [("SWAP_BANK", 1), ("NSBOOTADD0", 0x0800_0010)], part: .stm32l562xE, assumptions: .defaults)
        }
        #expect(options == .factory)
        let message = OptionBytesError.unalignedAddress(field: "NSBOOTADD0", address: 0x0800_0010).description
        #expect(
            message == "NSBOOTADD0=0x08000010 is not a boot address: it must be a multiple of 0x80 "
                + "(the register keeps address bits 31:7)")
    }

    @Test func theOptionChangeTextUsesTheSameForms() {
        #expect(OptionChange(field: "RDP", before: 0xAA, after: 0xCC, staged: true).text == "RDP 0xAA → 0xCC")
        #expect(
            OptionChange(field: "NSBOOTADD0", before: 0x10_0000, after: 0x10_0800, staged: true).text
                == "NSBOOTADD0 0x08000000 → 0x08040000")
        #expect(
            OptionChange(field: "WRP1A_PEND", before: 0, after: 3, staged: false).text == "WRP1A_PEND page 0 → page 3")
    }
}
