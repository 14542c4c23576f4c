import Testing

@testable import TerminalKit

/// SGR (mode 1006) reports as xterm sends them (ctlseqs, "Mouse Tracking", "SGR (1006)"):
/// `ESC [ < button ; column ; row M` on a press, `m` on a release, one-based decimal coordinates.
@Suite struct SGRMouseTests {
    private func decode(_ text: String) -> SGRMouse.Decoded {
        SGRMouse.decode(Array(text.unicodeScalars))
    }

    @Test func aLeftPressIsAClickAtZeroBasedCoordinates() {
        #expect(decode("\u{1B}[<0;9;6M") == .report(MouseEvent(.click, x: 8, y: 5), length: 9))
    }

    /// The X10 encoding stops at column 223 (one byte, offset by 32); SGR has no such limit.
    @Test func columnsPastTwoHundredTwentyThreeArrive() {
        #expect(decode("\u{1B}[<0;300;70M") == .report(MouseEvent(.click, x: 299, y: 69), length: 12))
    }

    @Test func wheelUpAndDown() {
        #expect(decode("\u{1B}[<64;231;10M") == .report(MouseEvent(.scrollUp, x: 230, y: 9), length: 13))
        #expect(decode("\u{1B}[<65;1;1M") == .report(MouseEvent(.scrollDown, x: 0, y: 0), length: 10))
    }

    @Test func modifiersDoNotChangeTheButton() {
        // Control (16) plus wheel down; Shift (4) plus the left button.
        #expect(decode("\u{1B}[<81;5;5M") == .report(MouseEvent(.scrollDown, x: 4, y: 4), length: 10))
        #expect(decode("\u{1B}[<4;5;5M") == .report(MouseEvent(.click, x: 4, y: 4), length: 9))
    }

    @Test func releasesMotionAndOtherButtonsAreReadAndDropped() {
        #expect(decode("\u{1B}[<0;9;6m") == .report(nil, length: 9), "release")
        #expect(decode("\u{1B}[<32;9;6M") == .report(nil, length: 10), "drag")
        #expect(decode("\u{1B}[<2;9;6M") == .report(nil, length: 9), "right button")
        #expect(decode("\u{1B}[<66;9;6M") == .report(nil, length: 10), "wheel left")
        #expect(decode("\u{1B}[<0;0;6M") == .report(nil, length: 9), "column 0 is not a cell")
    }

    @Test func aReportCutShortAsksForMore() {
        for prefix in ["\u{1B}", "\u{1B}[", "\u{1B}[<", "\u{1B}[<6", "\u{1B}[<64;", "\u{1B}[<64;231;1"] {
            #expect(decode(prefix) == .incomplete, "\(prefix.debugDescription)")
        }
    }

    @Test func keysThatStartWithEscapeAreNotMouse() {
        // Alt-x, an arrow key's CSI form, an X10 report, a CSI with a letter in its numbers.
        for text in ["\u{1B}x", "\u{1B}[A", "\u{1B}[M !!", "\u{1B}[<1a;2;3M", "\u{1B}[<;2;3M", "\u{1B}[<1;2M"] {
            #expect(decode(text) == .notMouse, "\(text.debugDescription)")
        }
    }

    @Test func overlongNumbersAreNotReadForEver() {
        #expect(decode("\u{1B}[<0;123456;1M") == .notMouse)
        #expect(decode("\u{1B}[<0;1;2;3M") == .notMouse, "a fourth number")
        #expect(decode("\u{1B}[<" + String(repeating: "9", count: 40)) == .notMouse)
    }
}
