import Testing
import FlashCore

/// DESIGN's command line convention: `0x` hex, decimal, `K`/`M` suffixes.
@Suite struct NumberTextTests {
    @Test(
        arguments: [
            ("0x08000800", 0x0800_0800), ("0x0800_0800", 0x0800_0800), ("134219776", 0x0800_0800),
            ("2K", 2048), ("2k", 2048), ("1M", 1 << 20), ("64M", 64 << 20), (" 0x10 ", 16), ("0", 0),
        ] as [(String, UInt32)])
    func accepts(_ text: String, _ value: UInt32) {
        #expect(NumberText.parse(text) == value)
    }

    @Test(arguments: ["", "0x", "12Q", "5G", "0x1_0000_0000", "4096M", "-1", "0x08000800 1"])
    func refuses(_ text: String) {
        #expect(NumberText.parse(text) == nil)
    }

    @Test func trimmingDropsWhitespaceAtBothEndsOnly() {
        #expect("  0x10 \t".trimmingWhitespace == "0x10")
        #expect("\n a  b\n".trimmingWhitespace == "a  b", "inner spaces stay")
        #expect("x".trimmingWhitespace == "x")
        #expect(" \t ".trimmingWhitespace == "")
        #expect("".trimmingWhitespace == "")
    }
}
