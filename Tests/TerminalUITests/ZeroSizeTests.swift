import Testing

@testable import TerminalKit
@testable import TerminalUI

/// Every widget copes with tiny and empty areas (ratatui's zero-size tests)
/// and never draws outside the area it was given.
@Suite struct ZeroSizeTests {
    static let widgets: [(String, any Widget & Sendable)] = [
        ("page map", PageMapWidget(title: "Bank 1", states: Fixtures.pages128, cursor: 5)),
        ("empty page map", PageMapWidget(title: "none", states: [])),
        ("hex view", HexViewWidget(title: "hex", bytes: Fixtures.hexBytes, topRow: 99, cursor: 3)),
        ("empty hex view", HexViewWidget(title: "hex", bytes: [])),
        ("key bar", KeyBarWidget(table: Fixtures.keyTable)),
        ("help overlay", HelpOverlayWidget(table: Fixtures.keyTable, firstRow: 50)),
        (
            "prompt",
            PromptWidget(
                state: PromptState(label: "Address", text: "0x0800", candidates: ["0x08000000", "0x08001000"]))
        ),
        ("prompt error", PromptWidget(state: PromptState(label: "Address", error: "bad"))),
        ("confirm", ConfirmWidget(question: "Erase?", details: ["all pages"])),
        ("registers", RegisterPanelWidget(rows: Fixtures.registers)),
        ("option bytes", OptionBytesPanelWidget(rows: Fixtures.optionRows, firstRow: 40)),
        ("too small", TooSmallWidget(required: Size(width: 80, height: 24))),
    ]

    static let areas: [Rect] = [
        .zero,
        Rect(x: 3, y: 2, width: 0, height: 5),
        Rect(x: 3, y: 2, width: 5, height: 0),
        Rect(x: 0, y: 0, width: 1, height: 1),
        Rect(x: 4, y: 4, width: 2, height: 2),
        Rect(x: 2, y: 1, width: 3, height: 3),
        Rect(x: 1, y: 1, width: 12, height: 4),
        Rect(x: 5, y: 5, width: 40, height: 30),  // partly outside the buffer
        Rect(x: -5, y: -5, width: 20, height: 12),  // partly before it
    ]

    @Test(arguments: 0..<widgets.count)
    func tinyAreasNeverCrashOrSpill(index: Int) {
        let (name, widget) = Self.widgets[index]
        for area in Self.areas {
            var buffer = ScreenBuffer(size: Size(width: 30, height: 20), filling: Cell("#", role: .dim))
            widget.render(in: area, into: &buffer)
            for y in 0..<buffer.height {
                for x in 0..<buffer.width where !area.contains(x: x, y: y) {
                    #expect(
                        buffer.cell(atX: x, y: y) == Cell("#", role: .dim), "\(name) drew at \(x),\(y) outside \(area)")
                }
            }
        }
    }

    @Test(arguments: 0..<widgets.count)
    func zeroSizeBufferNeverCrashes(index: Int) {
        var buffer = ScreenBuffer(size: .zero)
        Self.widgets[index].1.render(in: Rect(x: 0, y: 0, width: 10, height: 10), into: &buffer)
        #expect(buffer.lines.isEmpty)
    }

    @Test func tooSmallFitsOneLine() {
        let screen = rendered(TooSmallWidget(required: Size(width: 80, height: 24)), size: Size(width: 40, height: 1))
        #expect(screen.lines == ["     terminal too small: need 80x24     "])
    }
}
