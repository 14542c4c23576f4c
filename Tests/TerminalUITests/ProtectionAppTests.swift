import TerminalKit
import FlashCore
import Testing

@testable import TerminalUI

/// RDP level 2 and the option fields in the UI (reference §8): staging level 2 asks in the
/// warning (error) role and takes a deliberate capital Y; values read as what they are.
@Suite struct ProtectionAppTests {
    private func editRDP(_ model: inout AppModel, _ text: String) throws {
        AppHarness.send(&model, .tab, .tab)
        let row = try #require(App.optionFields.firstIndex { $0 == .rdp })
        for _ in 0..<row { AppHarness.send(&model, .down) }
        AppHarness.send(&model, .enter)
        #expect(model.prompt?.state.text == "0xAA", "RDP is prefilled in hex")
        AppHarness.send(&model, [.ctrl("u")] + AppHarness.keys(text) + [.enter])
    }

    @Test func stagingLevelTwoNeedsACapitalY() throws {
        var model = AppHarness.model(size: AppHarness.large)
        try editRDP(&model, "0xCC")
        let confirmation = try #require(model.confirmation)
        #expect(confirmation.irreversible)
        #expect(confirmation.details.joined().contains("NEVER be undone"))
        #expect(AppHarness.send(&model, .char("y")).isEmpty, "plain y does nothing")
        #expect(model.confirmation != nil)
        #expect(model.status?.text.contains("capital Y") == true)
        let screen = App.view(model, size: AppHarness.large)
        #expect(screen.lines.contains { $0.contains("WARNING: cannot be undone on a real part") })
        let warningRow = try #require(screen.lines.firstIndex { $0.contains("Stage RDP level 2") })
        #expect(screen.row(warningRow).contains { $0.role == .error }, "drawn in the error role")
        let effects = AppHarness.send(&model, .char("Y"))
        let commit = try #require(AppHarness.saved(effects).first)
        #expect(commit.after.pending.readoutLevel == .level2)
        #expect(commit.command == "flashscope tui: ob set RDP=0xCC")
        #expect(App.view(model, size: AppHarness.large).lines.joined(separator: "\n").contains("pending RDP=0xCC"))
    }

    @Test func otherRDPValuesNeedNoWarning() throws {
        var model = AppHarness.model()
        try editRDP(&model, "0xBB")
        #expect(model.confirmation == nil)
        #expect(model.machine.controller.pending.readoutLevel == .level1(code: 0xBB))
    }

    @Test func undoingLevelTwoSaysWhatUndoIs() {
        var state = AppHarness.state()
        state.effective[OptionField.rdp] = 0xCC
        state.pending = state.effective
        var model = AppHarness.model(state)
        _ = App.update(&model, .deviceReloaded(AppHarness.state(), reason: .undone([3])))
        #expect(model.status?.text.contains("time machine, not a silicon operation") == true)
    }

    @Test func theHexViewSaysWhatADebuggerWouldSeeAtLevelOne() {
        var state = AppHarness.state()
        state.effective[OptionField.rdp] = 0xBB
        state.pending = state.effective
        let lines = App.view(AppHarness.model(state, size: AppHarness.large), size: AppHarness.large).lines
        #expect(lines.contains { $0.contains("0x08000000 · 2 KiB · RDP 1: a debugger gets bus errors") })
        let plain = App.view(AppHarness.model(size: AppHarness.large), size: AppHarness.large).lines
        #expect(!plain.contains { $0.contains("a debugger gets bus errors") })
    }

    @Test func theLaunchConfirmationSaysTheRegressionErases() throws {
        var state = AppHarness.state()
        state.effective[OptionField.rdp] = 0xBB
        state.pending[OptionField.rdp] = 0xAA
        var model = AppHarness.model(state, size: AppHarness.large)
        AppHarness.send(&model, .char("L"))
        let details = try #require(model.confirmation?.details)
        #expect(details.contains("OBL_LAUNCH is a system reset: every register returns to its reset value"))
        #expect(details.contains("RDP level 1 (0xBB) → level 0: the user flash is mass-erased first"))
    }

    @Test func bootAddressesAreEditedAsAddresses() throws {
        var model = AppHarness.model()
        AppHarness.send(&model, .tab, .tab)
        let row = try #require(App.optionFields.firstIndex { $0 == .nsBootAddress0 })
        for _ in 0..<row { AppHarness.send(&model, .down) }
        AppHarness.send(&model, .enter)
        #expect(model.prompt?.state.text == "0x08000000")
        AppHarness.send(&model, [.ctrl("u")] + AppHarness.keys("0x08000010") + [.enter])
        #expect(model.prompt?.state.error?.contains("must be a multiple of 0x80") == true)
        let effects = AppHarness.send(&model, [.ctrl("u")] + AppHarness.keys("0x08040000") + [.enter])
        let commit = try #require(AppHarness.saved(effects).first)
        #expect(commit.after.pending.text(of: .nsBootAddress0) == "0x08040000")
    }
}
