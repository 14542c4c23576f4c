import Testing

@testable import TerminalKit

@Suite struct BufferTests {
    @Test func writeClipsAtEdges() {
        var buffer = ScreenBuffer(width: 6, height: 2)
        let end = buffer.write("abcdefgh", atX: 2, y: 0, role: .title)
        buffer.write("xyz", atX: -1, y: 1)
        buffer.write("never", atX: 0, y: 2)
        #expect(end == 10)
        #expect(buffer.lines == ["  abcd", "yz    "])
        #expect(buffer.cell(atX: 2, y: 0) == Cell("a", role: .title))
        #expect(buffer.cell(atX: 6, y: 0) == nil)
    }

    @Test func writeClipsToTheGivenRect() {
        var buffer = ScreenBuffer(width: 8, height: 1)
        buffer.write("abcdefgh", atX: 0, y: 0, clip: Rect(x: 2, y: 0, width: 3, height: 1))
        #expect(buffer.lines == ["  cde   "])
    }

    @Test func controlAndWideCharactersBecomeReplacementMarks() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.write("a\u{1B}[b漢é", atX: 0, y: 0)
        #expect(buffer.lines == ["a\u{FFFD}[b\u{FFFD}é"])
    }

    @Test func diffListsOnlyChangedCells() {
        var before = ScreenBuffer(width: 4, height: 2)
        before.write("ab", atX: 0, y: 0)
        var after = before
        after.write("X", atX: 1, y: 0)
        after.write("Y", atX: 3, y: 1, role: .error)
        #expect(
            after.diff(from: before) == [
                CellChange(x: 1, y: 0, cell: Cell("X")),
                CellChange(x: 3, y: 1, cell: Cell("Y", role: .error)),
            ])
        #expect(after.diff(from: after).isEmpty)
        #expect(after.diff(from: ScreenBuffer(width: 3, height: 2)).count == 8)
        var replayed = before
        replayed.apply(after.diff(from: before))
        #expect(replayed == after)
    }

    @Test func roleChangeAloneIsADifference() {
        let before = ScreenBuffer(width: 2, height: 1)
        var after = before
        after.setRole(.cursor, in: Rect(x: 1, y: 0, width: 1, height: 1))
        #expect(after.diff(from: before) == [CellChange(x: 1, y: 0, cell: Cell(" ", role: .cursor))])
    }

    @Test func runsJoinAdjacentCellsOfOneRole() {
        let changes = [
            CellChange(x: 0, y: 0, cell: Cell("a")), CellChange(x: 1, y: 0, cell: Cell("b")),
            CellChange(x: 2, y: 0, cell: Cell("c", role: .error)),
            CellChange(x: 4, y: 0, cell: Cell("d", role: .error)),
            CellChange(x: 0, y: 1, cell: Cell("e", role: .error)),
        ]
        #expect(
            TextRun.runs(of: changes) == [
                TextRun(x: 0, y: 0, role: .normal, text: "ab"),
                TextRun(x: 2, y: 0, role: .error, text: "c"),
                TextRun(x: 4, y: 0, role: .error, text: "d"),
                TextRun(x: 0, y: 1, role: .error, text: "e"),
            ])
    }

    @Test func resizeKeepsTheOverlap() {
        var buffer = ScreenBuffer(width: 3, height: 2)
        buffer.write("abc", atX: 0, y: 0)
        buffer.write("def", atX: 0, y: 1)
        buffer.resize(to: Size(width: 2, height: 3))
        #expect(buffer.lines == ["ab", "de", "  "])
    }

    @Test func styleDumpListsRunsAndSkipsPlainRows() {
        var buffer = ScreenBuffer(width: 5, height: 3)
        buffer.write("ab", atX: 1, y: 1, role: .title)
        #expect(buffer.styleDump == ["row 1: normal 0-0, title 1-2, normal 3-4"])
    }

    /// `cellSafe` answers most characters without Unicode's tables: for those it must agree with them.
    @Test func narrowCharactersAnsweredWithoutTheTablesAreNotWide() {
        let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0xA0...0x10FF, 0x2500...0x259F]
        for value in ranges.joined() {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(!scalar.properties.isEmojiPresentation, "U+\(String(value, radix: 16))")
            #expect(Character(scalar).cellSafe == Character(scalar), "U+\(String(value, radix: 16))")
        }
        #expect(Character("\u{1100}").cellSafe == "\u{FFFD}", "the first wide one after them")
        #expect(Character("\u{25FD}").cellSafe == "\u{FFFD}", "an emoji just past the block elements")
    }
}
