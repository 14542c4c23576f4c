import FlashCore
import Testing

/// The two aliases of the embedded flash (reference §1: 0x08000000 non-secure, 0x0C000000 secure).
@Suite struct AliasTwinTests {
    @Test func eachAddressHasItsTwinInTheOtherWindow() {
        #expect(FlashLayout.otherTwin(0x0800_1234) == 0x0C00_1234)
        #expect(FlashLayout.otherTwin(0x0C07_FFFF) == 0x0807_FFFF)
        #expect(FlashLayout.nonSecureTwin(0x0C00_0800) == 0x0800_0800)
        #expect(FlashLayout.nonSecureTwin(0x0800_0800) == 0x0800_0800)
    }

    @Test func addressesOutsideTheFlashWindowsHaveNoTwin() {
        #expect(FlashLayout.otherTwin(0x2000_0000) == 0x2000_0000)
        #expect(FlashLayout.otherTwin(0x9000_0000) == 0x9000_0000)
    }
}
