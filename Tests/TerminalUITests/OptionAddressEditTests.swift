import FlashCore
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// The option editor takes a write-protection, watermark or hide area's page field as a page
/// number or as a flash address, the page holding it, as the pending option bytes number pages.
@Suite struct OptionAddressEditTests {
    /// The option pane focused, the editor open on `name`.
    private func editing(_ name: String, _ model: inout AppModel) throws {
        AppHarness.send(&model, .tab, .tab)
        let row = try #require(App.optionFields.firstIndex { $0.name == name })
        for _ in 0..<row { AppHarness.send(&model, .down) }
        AppHarness.send(&model, .enter)
        #expect(model.prompt?.purpose == .editOption(field: name))
    }

    @Test func theEditorShowsThePageAsAddressesAndTakesAnAddress() throws {
        var model = AppHarness.model(size: AppHarness.large)
        try editing("WRP1A_PSTRT", &model)
        let prompt = try #require(model.prompt)
        #expect(prompt.state.text == "127", "the page number, to start with")
        #expect(prompt.state.label == "Pending WRP1A_PSTRT (page 0 to 127, or an address: the page holding it)")
        #expect(prompt.state.hint == "page 127 = 0x0803F800–0x0803FFFF of bank 1, as the pending DBANK=1 numbers pages")
        #expect(App.view(model, size: model.size).lines.contains { $0.contains("page 127 = 0x0803F800–0x0803FFFF") })

        // A mid-page address: the page holding it.
        let effects = AppHarness.send(&model, [.ctrl("u")] + AppHarness.keys("0x08001234") + [.enter])
        let commit = try #require(AppHarness.saved(effects).first)
        #expect(commit.after.pending.value(of: "WRP1A_PSTRT") == 2, "0x08001000–0x080017FF is page 2 of bank 1")
        #expect(commit.command == "flashscope tui: ob set WRP1A_PSTRT=0x08001234", "the history keeps what was typed")
        #expect(
            model.status?.text.hasPrefix("set pending WRP1A_PSTRT=0x08001234: staged WRP1A_PSTRT page 127 → page 2")
                == true)
    }

    @Test func anAddressInTheOtherBankIsRefusedInThePrompt() throws {
        var model = AppHarness.model()
        let before = model.machine.state
        try editing("WRP1A_PEND", &model)
        let effects = AppHarness.send(&model, [.ctrl("u")] + AppHarness.keys("0x08040000") + [.enter])
        #expect(effects.isEmpty)
        #expect(model.prompt?.purpose == .editOption(field: "WRP1A_PEND"), "the prompt stays open")
        #expect(
            model.prompt?.state.error
                == "WRP1A_PEND=0x08040000 names no page of its bank: it lies in bank 2, but WRP1A_PEND numbers the "
                + "pages of bank 1, 0x08000000–0x0803FFFF (DBANK=1)")
        #expect(model.machine.state == before)
    }

    /// With DBANK=0 staged, the pages are the one bank's 4 KiB pages once launched: the hint and the
    /// typed address follow the pending layout, not the one in force now. (WRP1A stays off, PSTRT >
    /// PEND: a bank mode change with an area on is refused with OPTWERR, reference §8.)
    @Test func aStagedBankModeNumbersThePages() throws {
        var model = AppHarness.model()
        AppHarness.send(&model, .char("D"))
        #expect(model.machine.controller.pending.dualBankBit == false)
        try editing("WRP1A_PSTRT", &model)
        #expect(
            model.prompt?.state.hint
                == "page 127 = 0x0807F000–0x0807FFFF of bank 1, as the pending DBANK=0 numbers pages")
        let effects = AppHarness.send(&model, [.ctrl("u")] + AppHarness.keys("0x08041000") + [.enter])
        let commit = try #require(AppHarness.saved(effects).first)
        #expect(commit.after.pending.value(of: "WRP1A_PSTRT") == 65, "under DBANK=1 this would be bank 2's page 2")
    }
}
