import Testing

@testable import TerminalKit

/// The progress line of long operations, drawn by the view as a widget.
@Suite struct ProgressBarWidgetTests {
    private func line(_ widget: ProgressBarWidget, width: Int) -> (text: String, cells: [Cell]) {
        var buffer = ScreenBuffer(width: width, height: 1)
        widget.render(in: buffer.area, into: &buffer)
        return (buffer.lines[0], Array(buffer.row(0)))
    }

    @Test func drawsABarAcrossTheLine() {
        let (text, cells) = line(ProgressBarWidget(title: "program", done: 9, total: 16, unit: "sectors"), width: 60)
        #expect(text.count == 60)
        #expect(text.hasPrefix("program: █"))
        #expect(text.hasSuffix(" 56% (9/16 sectors)"))
        let bar = text.filter { $0 == "█" || $0 == "░" }
        #expect(bar.filter { $0 == "█" }.count == bar.count * 9 / 16)
        #expect(cells.allSatisfy { $0.role == .keyBar })
    }

    @Test func theCancelKeyFollowsTheBar() throws {
        let widget = ProgressBarWidget(
            title: "program big.bin", done: 1, total: 4, unit: "sectors", hint: ("Esc", "Cancel"))
        let (text, cells) = line(widget, width: 80)
        #expect(text.hasSuffix(" 25% (1/4 sectors)  Esc Cancel"))
        let found = try #require(text.range(of: "Esc"))
        let key = text.distance(from: text.startIndex, to: found.lowerBound)
        #expect(cells[key].role == .keyBarKey)
        #expect(cells[key + 4].role == .keyBar)
    }

    @Test func beforeTheFirstReportItSaysItStarted() {
        let (text, _) = line(ProgressBarWidget(title: "erase bank 1", done: 0, total: 0, unit: "sectors"), width: 40)
        #expect(text.hasPrefix("erase bank 1: starting…"))
    }

    @Test func narrowAndEmptyLinesDoNotCrash() {
        #expect(line(ProgressBarWidget(title: "x", done: 1, total: 2, unit: "sectors"), width: 1).text.count == 1)
        let (text, _) = line(ProgressBarWidget(title: "a long title", done: 5, total: 0, unit: "s"), width: 8)
        #expect(text.count == 8)
        var buffer = ScreenBuffer(width: 10, height: 1)
        ProgressBarWidget(title: "x", done: 3, total: 2, unit: "s").render(in: .zero, into: &buffer)
        #expect(buffer.lines[0] == String(repeating: " ", count: 10))
    }
}
