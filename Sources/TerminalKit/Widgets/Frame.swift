/// A box with an optional title on its top edge; renders the border and
/// hands back the inner area for the content.
package struct Frame: Sendable {
    package var title: String?

    package init(title: String? = nil) {
        self.title = title
    }

    /// Draws the border (only if the area has room for one) and returns the
    /// area inside it.
    @discardableResult
    package func render(in area: Rect, into buffer: inout ScreenBuffer) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return .zero }
        let inner = area.inset(by: 1)
        buffer.fill(area, with: .blank)
        let top = area.top, bottom = area.bottom - 1, left = area.left, right = area.right - 1
        for x in (left + 1)..<right {
            buffer.set(Cell("─", role: .border), atX: x, y: top)
            buffer.set(Cell("─", role: .border), atX: x, y: bottom)
        }
        for y in (top + 1)..<bottom {
            buffer.set(Cell("│", role: .border), atX: left, y: y)
            buffer.set(Cell("│", role: .border), atX: right, y: y)
        }
        buffer.set(Cell("┌", role: .border), atX: left, y: top)
        buffer.set(Cell("┐", role: .border), atX: right, y: top)
        buffer.set(Cell("└", role: .border), atX: left, y: bottom)
        buffer.set(Cell("┘", role: .border), atX: right, y: bottom)
        if let title, !title.isEmpty, area.width > 4 {
            let clip = Rect(x: left + 1, y: top, width: area.width - 2, height: 1)
            buffer.write(" \(title) ", atX: left + 1, y: top, role: .title, clip: clip)
        }
        return inner
    }
}
