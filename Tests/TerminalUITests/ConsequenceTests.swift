import FlashCore
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// Issue 18, broken 9: destructive consequences read as warnings and take a deliberate second key.
@Suite struct ConsequenceTests {
    /// Single-bank mode (DBANK=0, 4 KiB pages) with data in page 0 (0x08000000).
    private func singleBankWithData() -> AppModel {
        var state = AppHarness.state(data: [(0, [UInt8](repeating: 0x42, count: 16))])
        state.effective[OptionField.dbank] = 0
        state.pending[OptionField.dbank] = 0
        return AppHarness.model(state)
    }

    /// stm32l5-flash.md: with DBANK=0, assume-dual-bank takes page 64 (0x08040000) for page 0 of bank 2
    /// and sends PNB 0 BKER 0, so the controller erases 0x08000000: bytes outside the request are lost.
    @Test func collateralIsAWarningAndOneYDoesNotAcceptIt() throws {
        var model = singleBankWithData()
        while model.algorithm != "assume-dual-bank" { AppHarness.send(&model, .char("a")) }
        AppHarness.goTo(&model, "0x08040800")
        AppHarness.send(&model, .char("E"))
        let confirmation = try #require(model.confirmation)
        #expect(
            confirmation.warnings.contains { $0.hasPrefix("destroys") && $0.hasSuffix("outside the request") },
            "\(confirmation)")
        #expect(!confirmation.details.contains { $0.hasPrefix("destroys") }, "warnings are not plain details")

        let screen = App.view(model, size: AppHarness.small)
        let row = try #require(screen.lines.firstIndex { $0.contains("⚠ destroys") })
        let column = try #require(screen.lines[row].range(of: "destroys")).lowerBound
        let x = screen.lines[row].distance(from: screen.lines[row].startIndex, to: column)
        #expect(screen.cell(atX: x, y: row)?.role == .warning, "drawn in the theme's warning role")
        #expect(screen.lines.contains { $0.contains("y, then y again = yes") })

        #expect(AppHarness.saved(AppHarness.send(&model, .char("y"))).isEmpty, "one y only arms it")
        #expect(model.confirmation?.armed == true)
        #expect(App.view(model, size: AppHarness.small).lines.contains { $0.contains("y again = yes") })
        let commit = try #require(AppHarness.saved(AppHarness.send(&model, .char("y"))).first)
        #expect(commit.result.collateralBytes > 0)
        #expect(model.machine.controller.array.bytes[0] == 0xFF, "page 0 was erased")
    }

    @Test func anArmedConfirmationStillCancels() throws {
        var model = singleBankWithData()
        while model.algorithm != "assume-dual-bank" { AppHarness.send(&model, .char("a")) }
        AppHarness.goTo(&model, "0x08040800")
        AppHarness.send(&model, .char("E"), .char("y"), .char("n"))
        #expect(model.confirmation == nil)
        #expect(model.machine.controller.array.bytes[0] == 0x42)
    }

    @Test func anEraseWithoutConsequencesTakesOneY() throws {
        var model = AppHarness.model()
        AppHarness.send(&model, .char("E"))
        #expect(model.confirmation?.warnings.isEmpty == true)
        #expect(AppHarness.saved(AppHarness.send(&model, .char("y"))).count == 1)
    }

    @Test func warningRoleIsStyledInEveryBuiltInTheme() {
        #expect(Theme.standard.style(for: .warning) != Theme.standard.style(for: .normal))
        #expect(Theme.monochrome.style(for: .warning) != Theme.monochrome.style(for: .normal))
        #expect(Theme.monochrome.style(for: .warning) != Theme.monochrome.style(for: .error))
    }
}
