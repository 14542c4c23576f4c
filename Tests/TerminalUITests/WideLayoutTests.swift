import FlashCore
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// Issue 18, broken 2: layouts degrade gradually below 160x40 and use wide terminals.
@Suite struct WideLayoutTests {
    /// Every screen row holds something: no band of blank rows under a lone panel.
    private func blankRows(_ model: AppModel, _ size: Size) -> [Int] {
        let lines = App.view(model, size: size).lines
        return lines.indices.filter { lines[$0].allSatisfy { $0 == " " } }
    }

    @Test(arguments: [Size(width: 159, height: 40), Size(width: 200, height: 39)])
    func justBelowTheOldThresholdSeveralPanelsFillTheScreen(size: Size) throws {
        let model = AppHarness.model(OctoSPIAppTests.state(), size: size)
        let layout = try #require(AppLayout.make(for: model))
        #expect(layout.panels.count >= 3, "hex, option bytes and page index at \(size)")
        #expect(blankRows(model, size).isEmpty, "blank rows at \(size)")
    }

    @Test(arguments: [Size(width: 100, height: 30), Size(width: 100, height: 40), Size(width: 80, height: 24)])
    func narrowTerminalsLeaveNoBlankRows(size: Size) {
        for state in [AppHarness.state(), OctoSPIAppTests.state()] {
            #expect(blankRows(AppHarness.model(state, size: size), size).isEmpty, "blank rows at \(size)")
        }
    }

    @Test(arguments: [Size(width: 159, height: 40), Size(width: 200, height: 39), Size(width: 240, height: 70)])
    func theOctoSPIMapStaysWhileThePanelsKeepRoom(size: Size) throws {
        let model = AppHarness.model(OctoSPIAppTests.state(), size: size)
        let layout = try #require(AppLayout.make(for: model))
        #expect(layout.ospiMap != nil)
        #expect(layout.maps.count == 2)
        #expect(layout.panels[.hex] != nil && layout.panels[.options] != nil && layout.panels[.index] != nil)
    }

    @Test func wideTerminalsShowABankOnOneRowAnd32HexBytes() throws {
        let size = Size(width: 220, height: 60)
        let model = AppHarness.model(size: size)
        let layout = try #require(AppLayout.make(for: model))
        let geometry = try #require(AppLayout.mapGeometry(pages: 128, in: layout.maps[0]))
        #expect(geometry.columns == 128, "all 128 pages of a bank on one row")
        let hex = try #require(layout.panels[.hex])
        #expect(HexViewWidget.capacity(in: hex).bytesPerRow == 32)
        let screen = App.view(model, size: size).lines
        #expect(
            screen.contains { $0.contains("08000000  FF FF") && $0.contains("08000000") && !$0.contains("08000010") })
        #expect(screen.contains { $0.contains("│08000020  ") }, "the second row starts 32 bytes on")
    }

    @Test func theOptionPaneIsAsWideAsItsContentAndMessagesTakeTheRest() throws {
        let size = Size(width: 240, height: 70)
        var model = AppHarness.model(size: size)
        AppHarness.send(&model, .char("D"))
        let layout = try #require(AppLayout.make(for: model))
        let options = try #require(layout.panels[.options])
        #expect(options.width == App.optionsPanelWidth(model))
        #expect(options.width < 70, "three columns of data, not 140 columns")
        let messages = try #require(layout.panels[.messages])
        #expect(messages.x == options.right)
        let screen = App.view(model, size: size).lines.joined(separator: "\n")
        #expect(screen.contains("set pending DBANK=0"), "the messages panel shows the last message")
    }

    @Test func below80ColumnsOfRoomTheHexViewKeeps16Bytes() {
        #expect(AppLayout.hexPanelWidth(for: 199) == 80)
        #expect(AppLayout.hexPanelWidth(for: 200) == 146)
    }

    /// At 160x50 the step panel of a vendor algorithm step shows r0-r12, SP, LR and PC whole.
    @Test func coreRegistersWrapInsteadOfClipping() {
        let registers = CoreStepRegisters(
            r: (0..<13).map { 0x2000_0000 + UInt32($0) }, sp: 0x2000_1000, lr: 0x2000_0101, pc: 0x2000_0040,
            xpsr: 0)
        let step = CoreStep(
            instruction: 77, pc: 0x2000_0040, size: 2, disassembly: "str r3, [r2]", registers: registers)
        let lines = StepPanelWidget.describe(step, width: 78).map(\.text)
        #expect(lines.allSatisfy { $0.count <= 78 })
        let text = lines.joined(separator: " ")
        for name in (0..<13).map({ "r\($0)=" }) + ["sp=20001000", "lr=20000101", "pc=20000040"] {
            #expect(text.contains(name), "\(name) shown")
        }
    }

    @Test func theFlashRegistersOfAStepAreNotClippedAt160x50() throws {
        let size = Size(width: 160, height: 50)
        var model = AppHarness.model(size: size)
        AppHarness.send(&model, .char("t"), .char("E"), .char("y"), .char("n"))
        let session = try #require(model.stepping)
        let layout = try #require(AppLayout.make(for: model))
        let step = try #require(layout.panels[.step])
        #expect(step.height >= StepPanelWidget(session: session).height(forWidth: step.width))
        let screen = App.view(model, size: size).lines.joined(separator: "\n")
        for field in ["NSKEYR", "NSCR", "NSSR", "OPTR", "TZEN=", "OBL_LAUNCH="] { #expect(screen.contains(field)) }
    }

    /// octospi-mx25lm51245g.md: an OCTOSPI operation is driven through CR, DCR1, CCR, TCR, IR, AR, DLR and SR.
    @Test func anOctoSPIStepShowsTheOctoSPIRegistersFirst() throws {
        var model = AppHarness.model(OctoSPIAppTests.state(), size: Size(width: 200, height: 60))
        AppHarness.goTo(&model, "0x90011000")
        AppHarness.send(&model, .char("t"), .char("E"), .char("y"))
        let session = try #require(model.stepping)
        #expect(
            Array(session.registerNames.prefix(8))
                == ["CR", "DCR1", "CCR", "TCR", "IR", "AR", "DLR", "SR"].map { "OCTOSPI1_" + $0 })
        #expect(session.registerRows.first?.name == "CR")
        let screen = App.view(model, size: Size(width: 200, height: 60)).lines.joined(separator: "\n")
        #expect(screen.contains("OCTOSPI1 and FLASH registers"))
        #expect(screen.contains("AR ") && screen.contains("DLR "))
    }
}
