import FlashCore
import Testing
import TerminalKit

@testable import TerminalUI

/// The wheel scrolls the pane under the pointer a row, whatever has the focus.
@Suite struct MouseWheelTests {
    @Test func theWheelOverTheHexViewScrollsItByAHexRow() throws {
        var model = AppHarness.model(size: AppHarness.large)
        let hex = try #require(AppLayout.make(for: model)?.panels[.hex])
        let perRow = HexViewWidget.capacity(in: hex).bytesPerRow
        #expect(model.focus == .pages)
        _ = App.update(&model, .mouse(MouseEvent(.scrollDown, x: hex.x + 4, y: hex.y + 3)))
        _ = App.update(&model, .mouse(MouseEvent(.scrollDown, x: hex.x + 4, y: hex.y + 3)))
        #expect(model.cursor == 0x0800_0000 + 2 * UInt32(perRow), "two hex rows, not two map rows")
        _ = App.update(&model, .mouse(MouseEvent(.scrollUp, x: hex.x + 4, y: hex.y + 3)))
        #expect(model.cursor == 0x0800_0000 + UInt32(perRow))
        #expect(model.focus == .pages, "scrolling does not take the focus")
    }

    @Test func theWheelOverABankMapMovesAMapRow() throws {
        var model = AppHarness.model()
        model.focus = .hex
        let map = try #require(AppLayout.make(for: model)?.maps.first)
        let geometry = try #require(AppLayout.mapGeometry(pages: 128, in: map))
        _ = App.update(&model, .mouse(MouseEvent(.scrollDown, x: geometry.x(ofColumn: 0), y: geometry.grid.y)))
        let row = UInt32(geometry.columns * geometry.unitsPerCell)
        #expect(model.cursor == 0x0800_0000 + row * 2048, "a row of pages down")
        #expect(model.focus == .hex)
    }

    @Test func theWheelOverTheOptionBytesMovesTheSelectedRow() throws {
        var model = AppHarness.model(size: AppHarness.large)
        let options = try #require(AppLayout.make(for: model)?.panels[.options])
        _ = App.update(&model, .mouse(MouseEvent(.scrollDown, x: options.x + 2, y: options.y + 2)))
        #expect(model.optionRow == 1)
        #expect(model.cursor == 0x0800_0000, "the flash cursor stays")
    }

    @Test func theWheelElsewhereMovesTheFocusedPane() {
        var model = AppHarness.model(size: AppHarness.large)
        model.focus = .options
        // The title line belongs to no pane.
        _ = App.update(&model, .mouse(MouseEvent(.scrollDown, x: 0, y: 0)))
        #expect(model.optionRow == 1)
    }
}
