import FlashCore
import Testing
import TerminalKit

@testable import TerminalUI

/// `}` `{` `)` `(` and the marks, as a user jumps around an image: erased flash reads 0xFF
/// (stm32l5-flash.md §5; a sector holding no data reads erased on the NOR, octospi-mx25lm51245g.md).
@Suite struct RegionJumpTests {
    /// Bank 1: pages 2–3 programmed (with an 0xFF run inside page 2), page 10 partly; an OCTOSPI sector.
    static func state() -> DeviceState {
        var page2 = [UInt8](repeating: 0x11, count: 2048)
        page2.replaceSubrange(100..<200, with: repeatElement(0xFF, count: 100))
        var state = AppHarness.state(data: [
            (2 * 2048, page2), (3 * 2048, [UInt8](repeating: 0x22, count: 2048)),
            (10 * 2048 + 16, [0xAB, 0xCD]),
        ])
        state.ospi = NORPersistentState(sectors: [5 * 0x1000: [UInt8](repeating: 0x5A, count: 0x1000)])
        return state
    }

    @Test func onTheMapsTheJumpsGoByPage() {
        var model = AppHarness.model(Self.state())
        AppHarness.send(&model, .char("}"))
        #expect(model.cursor == 0x0800_1000, "page 2 starts the first programmed region")
        #expect(model.status?.text == "programmed 0x08001000–0x08001FFF (4096 bytes)")
        AppHarness.send(&model, .char(")"))
        #expect(model.cursor == 0x0800_2000, "the erased pages after page 3")
        AppHarness.send(&model, .char("}"))
        #expect(model.cursor == 0x0800_5000, "page 10, partly programmed, counts as programmed")
        AppHarness.send(&model, .char("}"))
        #expect(model.cursor == 0x9000_5000, "then the OCTOSPI sector holding data")
        AppHarness.send(&model, .char("}"))
        #expect(model.cursor == 0x0800_1000)
        #expect(model.status?.text.hasSuffix("(wrapped to the start)") == true)
        AppHarness.send(&model, .char("{"))
        #expect(model.cursor == 0x9000_5000, "back round the start to the last programmed region")
        AppHarness.send(&model, .char("("))
        #expect(model.cursor == 0x9000_0000, "the erased sectors before it, never read")
        AppHarness.send(&model, .char(")"))
        #expect(model.cursor == 0x9000_6000)
    }

    @Test func inTheHexViewTheJumpsGoByByte() {
        var model = AppHarness.model(Self.state())
        AppHarness.goTo(&model, "0x08001000")
        AppHarness.send(&model, .tab)
        #expect(model.focus == .hex)
        AppHarness.send(&model, .char(")"))
        #expect(model.cursor == 0x0800_1000 + 100, "the 0xFF run inside page 2")
        #expect(model.status?.text == "erased 0x08001064–0x080010C7 (100 bytes)")
        AppHarness.send(&model, .char("}"))
        #expect(model.cursor == 0x0800_1000 + 200)
        AppHarness.send(&model, .char("{"))
        #expect(model.cursor == 0x0800_1000, "back from the run's start finds the run before")
    }

    @Test func aFlashWithNothingProgrammedSaysSo() {
        var model = AppHarness.model()
        AppHarness.send(&model, .char("}"))
        #expect(model.cursor == 0x0800_0000)
        #expect(model.status == StatusMessage("no programmed region in the flash", isError: true))
    }

    @Test func marksAreSetAndJumpedTo() {
        var model = AppHarness.model(Self.state())
        AppHarness.goTo(&model, "0x08040800")
        AppHarness.send(&model, .char("`"), .char("a"))
        #expect(model.status?.text == "mark a at 0x08040800")
        AppHarness.goTo(&model, "0x90005000")
        AppHarness.send(&model, .char("`"), .char("b"))
        AppHarness.send(&model, .char("'"))
        #expect(model.status?.text == "jump to mark: a 0x08040800, b 0x90005000; ' goes back (Esc cancels)")
        AppHarness.send(&model, .char("a"))
        #expect(model.cursor == 0x0804_0800)
        AppHarness.send(&model, .char("'"), .char("'"))
        #expect(model.cursor == 0x9000_5000, "'' goes back to where the jump started")
        AppHarness.send(&model, .char("'"), .char("'"))
        #expect(model.cursor == 0x0804_0800, "and again undoes that")
    }

    @Test func aMarkKeyThatIsNotALetterCancelsAndKeysWorkAgain() {
        var model = AppHarness.model(Self.state())
        AppHarness.send(&model, .char("`"), .escape)
        #expect(model.status?.text == "no mark set")
        AppHarness.send(&model, .char("'"), .char("z"))
        #expect(model.status == StatusMessage("no mark z: ` and z sets it", isError: true))
        AppHarness.send(&model, .char("`"), .char("Q"))
        #expect(model.status?.isError == true)
        #expect(model.marks.isEmpty)
        AppHarness.send(&model, .char("l"))
        #expect(model.cursor == 0x0800_0800, "the next key moves again")
    }

    @Test func aMarkTheFlashNoLongerReachesLandsInsideAndSaysSo() {
        var model = AppHarness.model(Self.state())
        // As a mark left on an OCTOSPI address would be on a part without one: no flash there.
        model.marks["e"] = 0x0900_0000
        AppHarness.send(&model, .char("l"), .char("'"), .char("e"))
        #expect(model.cursor == 0x0800_0000)
        #expect(model.status?.text == "mark e: 0x09000000 is not in the flash now; at 0x08000000")
    }
}
