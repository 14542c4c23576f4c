import FlashCore
import Testing

/// DESIGN.md: addresses print as `0x` plus 8 upper-case hex digits.
@Suite struct HexFormatTests {
    @Test(arguments: [
        (UInt32(0), "0x00000000"),
        (0x0800_0000, "0x08000000"),
        (0x0C03_FFFF, "0x0C03FFFF"),
        (0xFFFF_FFFF, "0xFFFFFFFF"),
    ])
    func addressesHaveEightUpperCaseDigits(value: UInt32, text: String) {
        #expect(hex(value) == text)
    }
}
