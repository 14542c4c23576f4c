import CNcursesW
import Testing
import TerminalKit

@testable import CursesBackend

/// Key decoding needs no terminal: it maps the numbers wget_wch returns.
@Suite struct CursesKeysTests {
    @Test(arguments: [
        (KEY_UP, Key.up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
        (KEY_ENTER, .enter), (KEY_BACKSPACE, .backspace), (KEY_DC, .delete),
        (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_HOME, .home), (KEY_END, .end),
        (KEY_BTAB, .backTab), (KEY_F0 + 1, .function(1)), (KEY_F0 + 12, .function(12)),
    ])
    func functionKeyCodes(code: Int32, key: Key) {
        #expect(CursesKeys.key(forCode: code) == key)
    }

    @Test func unknownCodesAreIgnored() {
        #expect(CursesKeys.key(forCode: KEY_F0 + 13) == nil)
        #expect(CursesKeys.key(forCode: KEY_RESIZE) == nil)
    }

    @Test(arguments: [
        (Int32(27), Key.escape), (9, .tab), (10, .enter), (13, .enter), (127, .backspace), (8, .backspace),
        (1, .ctrl("a")), (3, .ctrl("c")), (12, .ctrl("l")), (26, .ctrl("z")),
        (32, .char(" ")), (113, .char("q")), (0xE9, .char("é")), (0x2713, .char("✓")),
    ])
    func characters(value: Int32, key: Key) {
        #expect(CursesKeys.key(forCharacter: value) == key)
    }

    @Test func otherControlCharactersAreIgnored() {
        #expect(CursesKeys.key(forCharacter: 0) == nil)
        #expect(CursesKeys.key(forCharacter: 28) == nil)
    }

    @Test func errorsSayToUseTheCommandLine() {
        for error in [TerminalError.notATerminal(stream: "standard input"), .unusableTerminal(term: "")] {
            #expect(error.description.contains("use the command line instead"))
        }
        #expect(TerminalError.unusableTerminal(term: "").description.contains("TERM=(unset)"))
    }
}
