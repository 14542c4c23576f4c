import TerminalKit
import FlashCore
import Testing

@testable import TerminalUI

/// The system memory and TrustZone pages in the terminal UI (reference §8).
@Suite struct SystemAreaAppTests {
    private func screen(_ model: AppModel) -> String {
        App.view(model, size: AppHarness.large).lines.joined(separator: "\n")
    }

    @Test func goToReachesTheOTPAndTheHexViewShowsIt() {
        var state = AppHarness.state()
        state.otp.replaceSubrange(0..<4, with: Array("OTP!".utf8))
        var model = AppHarness.model(state, size: AppHarness.large)
        AppHarness.goTo(&model, "0x0BFA0002")
        #expect(model.status?.isError != true)
        #expect(model.cursor == 0x0BFA_0002)
        let text = screen(model)
        #expect(text.contains("OTP · 0x0BFA0000 · 512 bytes"))
        #expect(text.contains("OTP!"))
        #expect(text.contains("Page index: 0x0BFA0002 (system memory)"))
        #expect(text.contains("nothing: OTP is never erased"))
    }

    @Test func theHexViewMovesInsideTheAreaAndReadsDBGMCU() {
        var model = AppHarness.model(size: AppHarness.large)
        AppHarness.goTo(&model, "0xE0044000")
        #expect(screen(model).contains("DBGMCU_IDCODE"))
        #expect(screen(model).contains("0x20000472"))
        while model.focus != .hex { AppHarness.send(&model, .tab) }
        for _ in 0..<40 { AppHarness.send(&model, .right) }
        #expect(model.cursor == 0xE004_4013, "stops at the last DBGMCU byte")
        AppHarness.goTo(&model, "0x0BFA0300")
        #expect(model.status?.isError == true || model.prompt?.state.error != nil, "reserved system memory is refused")
    }

    @Test func aClosedHideAreaShowsAsHiddenPagesWithALegend() throws {
        var state = AppHarness.state()
        state.effective[.optr] |= 1 << 31
        try state.effective.apply(
            [("SECWM1_PEND", 3), ("HDP1EN", 1), ("HDP1_PEND", 1)], part: .stm32l562xE, assumptions: .defaults)
        state.pending = state.effective
        var model = AppHarness.model(state, size: AppHarness.large)
        #expect(!screen(model).contains("H hidden"), "no hidden page yet: the legend as before")
        model.machine.bus.write(0x4002_20C0, HideProtectionField.hdp1AccessDisabled.mask)
        App.refreshDerived(&model)
        let states = FlashPageStates.states(of: model.machine, bank: 1, file: nil)
        #expect(Array(states.prefix(4)) == [.hidden, .hidden, .secure, .secure])
        #expect(screen(model).contains("H hidden"))
    }

    @Test func thePageIndexSaysWhichRegistersAnEraseNeeds() throws {
        var state = AppHarness.state()
        state.effective[.optr] |= 1 << 31
        try state.effective.apply(
            [("SECWM1_PEND", 3), ("SECWM2_PSTRT", 0x7F), ("SECWM2_PEND", 0)], part: .stm32l562xE, assumptions: .defaults
        )
        state.pending = state.effective
        var model = AppHarness.model(state, size: AppHarness.large)
        #expect(model.pageIndex?.now.security == .secure)
        #expect(screen(model).contains("SECCR (SECKEYR), secure"))
        AppHarness.goTo(&model, "0x08040000")
        #expect(model.pageIndex?.now.security == .nonSecure)
        #expect(screen(model).contains("NSCR (NSKEYR)"))
    }

    @Test func hiddenWinsOverSecureInAZoomedCell() {
        #expect(PageState.combined([.secure, .hidden, .programmed]) == .hidden)
        #expect(PageState.legend(for: [.erased]).contains(.hidden) == false)
        #expect(PageState.legend(for: [.hidden]).last == .hidden)
    }
}
