import FlashCore
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// Issue 18, broken 8: moving and finding as engineers expect.
@Suite struct NavigationKeyTests {
    @Test func pageDownMovesOneBankMapRowAsTheHelpSays() {
        var model = AppHarness.model()
        AppHarness.send(&model, .pageDown)
        #expect(model.cursor == 0x0800_0000 + 64 * 2048, "a map row is 64 pages at 80 columns")
        AppHarness.send(&model, .pageDown)
        #expect(model.cursor == 0x0804_0000, "the next row is bank 2's first")
        AppHarness.send(&model, .pageUp)
        #expect(model.cursor == 0x0800_0000 + 64 * 2048)
    }

    @Test func homeEndAndGJumpToTheEnds() {
        var model = AppHarness.model()
        AppHarness.goTo(&model, "0x08041000")
        AppHarness.send(&model, .end)
        #expect(model.cursor == 0x0807_F800, "the last page of bank 2")
        AppHarness.send(&model, .home)
        #expect(model.cursor == 0x0804_0000, "the first page of bank 2")
        AppHarness.goTo(&model, "0x08000800")
        AppHarness.send(&model, .char("G"))
        #expect(model.cursor == 0x0807_F800, "G: the last page of the flash")
        // In the hex view: the ends of the page.
        AppHarness.send(&model, .tab, .right, .right, .end)
        #expect(model.cursor == 0x0807_FFFF)
        AppHarness.send(&model, .home)
        #expect(model.cursor == 0x0807_F800)
        // In the option bytes: the first and last rows.
        AppHarness.send(&model, .tab, .end)
        #expect(model.optionRow == App.optionFields.count - 1)
        AppHarness.send(&model, .home)
        #expect(model.optionRow == 0)
    }

    @Test func homeAndEndOnTheOctoSPIMap() {
        var model = AppHarness.model(OctoSPIAppTests.state())
        AppHarness.goTo(&model, "0x90011000")
        AppHarness.send(&model, .end)
        #expect(model.cursor == 0x9000_0000 + 16383 * 0x1000)
        AppHarness.send(&model, .home)
        #expect(model.cursor == 0x9000_0000)
        AppHarness.goTo(&model, "0x90011000")
        AppHarness.send(&model, .char("G"))
        #expect(model.cursor == 0x9000_0000 + 16383 * 0x1000)
    }

    @Test func bracketsStepByDifferingRange() throws {
        // Flash holds 9 9 at 0x100; the file 1 2 3 4 there and 5 at 0x08040000: two ranges differ.
        var model = AppHarness.model(AppHarness.state(data: [(0x100, [9, 9, 9, 9])]))
        let image = try MemoryImage(segments: [
            .init(address: 0x0800_0100, bytes: [1, 2, 3, 4]), .init(address: 0x0804_0000, bytes: [5]),
        ])
        _ = AppHarness.update(&model, .imageLoaded(path: "f.bin", image: image))
        AppHarness.send(&model, .char("n"))
        AppHarness.send(&model, .char("]"))
        #expect(model.cursor == 0x0800_0100)
        #expect(model.status?.text == "differs from f.bin at 0x08000100–0x08000103 (4 bytes)")
        AppHarness.send(&model, .char("]"))
        #expect(model.cursor == 0x0804_0000, "the whole first range is skipped, not one byte")
        AppHarness.send(&model, .char("]"))
        #expect(model.cursor == 0x0800_0100)
        #expect(model.status?.text.hasSuffix("(wrapped to the start)") == true)
        AppHarness.send(&model, .char("["))
        #expect(model.cursor == 0x0804_0000)
        #expect(model.status?.text.hasSuffix("(wrapped to the end)") == true)
    }

    /// The Cortex-M33 is little-endian: the word 0xDEADBEEF is stored as EF BE AD DE.
    @Test func findingAWordLooksForItAsStored() {
        var model = AppHarness.model(
            AppHarness.state(data: [(0x1234, [0xDE, 0xAD, 0xBE, 0xEF]), (0x2000, [0xEF, 0xBE, 0xAD, 0xDE])]))
        AppHarness.send(&model, [.char("/")] + AppHarness.keys("0xDEADBEEF") + [.enter])
        #expect(model.cursor == 0x0800_2000)
        #expect(model.status?.text == "0xDEADBEEF (EF BE AD DE) at 0x08002000")
        AppHarness.send(&model, [.char("/")] + AppHarness.keys("de ad be ef") + [.enter])
        #expect(model.cursor == 0x0800_1234, "hex bytes are searched in the order typed")
    }

    @Test func aWordOfFewerDigitsIsTheSmallestSizeHoldingThem() throws {
        #expect(try ByteSearch.Pattern(parsing: "0xBEEF").bytes == [0xEF, 0xBE])
        #expect(try ByteSearch.Pattern(parsing: "0x7").bytes == [0x07])
        #expect(try ByteSearch.Pattern(parsing: "0xABC").bytes == [0xBC, 0x0A])
        #expect(try ByteSearch.Pattern(parsing: "0x1122334455").bytes == [0x55, 0x44, 0x33, 0x22, 0x11, 0, 0, 0])
        #expect(try ByteSearch.Pattern(parsing: "\"de ad\"").bytes == Array("de ad".utf8))
        #expect(try ByteSearch.Pattern(parsing: "hello").bytes == Array("hello".utf8))
        #expect(throws: ByteSearch.PatternError.self) { try ByteSearch.Pattern(parsing: "0x") }
        #expect(throws: ByteSearch.PatternError.self) { try ByteSearch.Pattern(parsing: "0x12345678901234567") }
    }

    @Test func anOddHexDigitIsAnErrorNotATextSearch() {
        var model = AppHarness.model()
        AppHarness.send(&model, [.char("/")] + AppHarness.keys("de ad be e") + [.enter])
        #expect(model.prompt?.purpose == .search, "the prompt stays open")
        #expect(model.prompt?.state.error?.hasPrefix("e: hex bytes take two digits each") == true)
        #expect(model.search == nil)
    }

    @Test func aSearchThatWrapsSaysSo() {
        var model = AppHarness.model(AppHarness.state(data: [(0x100, Array("hello".utf8))]))
        AppHarness.goTo(&model, "0x08010000")
        AppHarness.send(&model, [.char("/")] + AppHarness.keys("\"hello\"") + [.enter])
        #expect(model.cursor == 0x0800_0100)
        #expect(model.status?.text.hasSuffix("(search wrapped to the start)") == true)
        AppHarness.send(&model, .char("n"))
        #expect(model.status?.text.hasSuffix("(search wrapped to the start)") == true, "the only match, again")
        AppHarness.send(&model, .char("N"))
        #expect(model.status?.text.hasSuffix("(search wrapped to the end)") == true)
    }

    @Test func massEraseOnTheOctoSPIMapErasesTheOctoSPIChip() throws {
        var model = AppHarness.model(OctoSPIAppTests.state())
        AppHarness.goTo(&model, "0x90011000")
        AppHarness.send(&model, .char("M"))
        #expect(model.confirmation?.operation == .eraseOctoSPIChip)
        #expect(model.confirmation?.question == "Erase the whole OCTOSPI flash (64 MiB, chip erase)?")
        let flashBefore = model.machine.controller.array.bytes
        let commit = try #require(AppHarness.saved(AppHarness.send(&model, .char("y"))).first)
        #expect(commit.command == "flashscope tui: erase --chip")
        #expect(model.machine.state.ospi?.offsets.isEmpty == true, "every OCTOSPI sector erased")
        #expect(model.machine.controller.array.bytes == flashBefore, "the embedded flash untouched")
    }

    @Test func massEraseOnTheEmbeddedFlashStillErasesIt() {
        var model = AppHarness.model(OctoSPIAppTests.state())
        AppHarness.send(&model, .char("M"))
        #expect(model.confirmation?.operation == .massErase)
    }
}

/// Issue 18, missing 7: the data inspector reads the bytes at the cursor as the little-endian core does.
@Suite struct DataInspectorTests {
    @Test func readsLittleEndianWidthsThatFit() {
        let bytes: [UInt8] = [0xEF, 0xBE, 0xAD, 0xDE, 0x01, 0x02, 0x03, 0x04]
        #expect(
            DataInspector.text(bytes, cursor: 0)
                == "u8 0xEF 239 · u16 0xBEEF · u32 0xDEADBEEF · u64 0x04030201DEADBEEF")
        #expect(DataInspector.text(bytes, cursor: 5) == "u8 0x02 2 · u16 0x0302", "u32 would run past the end")
        #expect(DataInspector.text(bytes, cursor: 8) == nil)
    }

    @Test func theHexViewShowsItAtTheCursor() {
        var model = AppHarness.model(
            AppHarness.state(data: [(0x10, [0x78, 0x56, 0x34, 0x12])]), size: AppHarness.large)
        AppHarness.goTo(&model, "0x08000010")
        let screen = App.view(model, size: AppHarness.large).lines.joined(separator: "\n")
        #expect(screen.contains("u32 0x12345678"))
    }
}
