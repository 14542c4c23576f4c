import FlashCore
import Testing

@testable import TerminalKit
@testable import TerminalUI

@Suite struct PanelRowTests {
    @Test func registerRowDecodesFieldsAndMarksChanges() {
        let spec = RegisterSpec(
            "NSCR", offset: 0x28, reset: 0xC000_0000,
            fields: [
                FieldSpec("PG", bit: 0), FieldSpec("PER", bit: 1), FieldSpec("PNB", bit: 3, width: 7),
                FieldSpec("RSVD", bit: 10, width: 1, .reserved), FieldSpec("LOCK", bit: 31),
            ])
        let row = RegisterRow(spec: spec, value: 0x8000_0022, previous: 0x8000_0002)
        #expect(row.name == "NSCR")
        #expect(row.fields.map(\.name) == ["PG", "PER", "PNB", "LOCK"])
        #expect(row.fields.map(\.value) == [0, 1, 4, 1])
        #expect(row.fields.map(\.changed) == [false, false, true, false])
        #expect(RegisterRow(spec: spec, value: 0x22).changed == false)
    }

    @Test func optionRowTakesEffectiveAndPendingValues() throws {
        let field = try #require(OptionField.named("DBANK"))
        var pending = OptionBytes.factory
        try pending.apply(
            [(name: "DBANK", value: 1 - OptionBytes.factory[field])], part: .stm32l562xE, assumptions: .defaults)
        let layout = FlashLayout(part: .stm32l562xE, options: .factory, assumptions: .defaults)
        let after = FlashLayout(part: .stm32l562xE, options: pending, assumptions: .defaults)
        let row = OptionByteRow(
            field: field, effective: .factory, pending: pending, layout: layout, pendingLayout: after)
        #expect(row.name == "DBANK")
        #expect(row.bits == 1)
        #expect(row.isPending)
        #expect(row.meaning == "after L: single bank, 4 KiB pages", "the pending value's meaning")
        let same = OptionByteRow(
            field: field, effective: .factory, pending: .factory, layout: layout, pendingLayout: layout)
        #expect(!same.isPending)
        #expect(same.meaning == "dual bank, 2 KiB pages")
    }
}

/// The option bytes pane shows each value's meaning when it has the focus, and the selected one's in full.
@Suite struct OptionMeaningPaneTests {
    @Test func focusingTheOptionBytesShowsTheMeaningColumn() throws {
        var model = AppHarness.model(size: Size(width: 240, height: 70))
        let before = try #require(AppLayout.make(for: model)?.panels[.options])
        AppHarness.send(&model, .tab, .tab)
        #expect(model.focus == .options)
        let after = try #require(AppLayout.make(for: model)?.panels[.options])
        #expect(after.width > before.width, "the meanings take the messages' room")
        let screen = App.view(model, size: model.size).lines.joined(separator: "\n")
        #expect(screen.contains("Meaning"))
        #expect(screen.contains("no readout protection"))
        #expect(screen.contains(" RDP: no readout protection "), "the selected row's meaning on the bottom edge")
        AppHarness.send(&model, .down)
        #expect(App.view(model, size: model.size).lines.joined().contains(" BOR_LEV: brown-out reset level"))
    }
}
