import Testing

@testable import TerminalKit

@Suite struct LayoutTests {
    let area = Rect(x: 0, y: 0, width: 100, height: 30)

    @Test func fixedPercentageAndFill() {
        let parts = area.split(.horizontal, [.fixed(10), .percentage(30), .fill()])
        #expect(
            parts == [
                Rect(x: 0, y: 0, width: 10, height: 30),
                Rect(x: 10, y: 0, width: 30, height: 30),
                Rect(x: 40, y: 0, width: 60, height: 30),
            ])
    }

    @Test func fillsShareByWeightAndTheLastTakesTheRest() {
        let parts = Rect(x: 0, y: 5, width: 10, height: 10).split(.vertical, [.fill(1), .fill(2)])
        #expect(parts.map(\.height) == [3, 7])
        #expect(parts.map(\.y) == [5, 8])
    }

    @Test func fixedSegmentsAreCutWhenSpaceRunsOut() {
        let parts = Rect(x: 0, y: 0, width: 8, height: 1).split(.horizontal, [.fixed(5), .fixed(5), .fill()])
        #expect(parts.map(\.width) == [5, 3, 0])
    }

    @Test func zeroAreaSplitsIntoEmptyRects() {
        let parts = Rect.zero.split(.vertical, [.fixed(3), .percentage(50), .fill()])
        #expect(parts.allSatisfy { $0.isEmpty })
        #expect(parts.count == 3)
    }

    @Test func insetAndCentreNeverGoNegative() {
        #expect(Rect(x: 0, y: 0, width: 1, height: 1).inset(by: 1).isEmpty)
        #expect(area.inset(by: 1) == Rect(x: 1, y: 1, width: 98, height: 28))
        #expect(area.centred(Size(width: 20, height: 10)) == Rect(x: 40, y: 10, width: 20, height: 10))
        #expect(
            Rect(x: 0, y: 0, width: 4, height: 2).centred(Size(width: 20, height: 10)).size == Size(width: 4, height: 2)
        )
        #expect(Rect(x: 0, y: 0, width: -3, height: 2).width == 0)
    }

    @Test func intersection() {
        let a = Rect(x: 0, y: 0, width: 10, height: 10)
        #expect(a.intersection(Rect(x: 5, y: 5, width: 10, height: 10)) == Rect(x: 5, y: 5, width: 5, height: 5))
        #expect(a.intersection(Rect(x: 20, y: 0, width: 5, height: 5)).isEmpty)
    }
}

@Suite struct ScrollTests {
    @Test(arguments: [
        // (row, top, visible, total) → new top
        (5, 0, 10, 100, 0),  // already visible
        (10, 0, 10, 100, 1),  // one past the bottom
        (3, 8, 10, 100, 3),  // above the window
        (99, 0, 10, 100, 90),  // last row
        (2, 50, 10, 5, 0),  // fewer rows than the window
        (7, 3, 0, 100, 7),  // no window at all
    ])
    func keepingVisible(row: Int, top: Int, visible: Int, total: Int, expected: Int) {
        #expect(Scroll.keepingVisible(row: row, top: top, visible: visible, total: total) == expected)
    }
}
