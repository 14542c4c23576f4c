/// Shown instead of the screen when the terminal is smaller than the app needs.
package struct TooSmallWidget: Widget, Sendable {
    package var required: Size

    package init(required: Size) {
        self.required = required
    }

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        guard !area.isEmpty else { return }
        buffer.fill(area)
        let lines =
            area.height == 1
            ? [("terminal too small: need \(required)", Role.error)]
            : [("terminal too small", Role.error), ("need \(required), have \(area.size)", Role.normal)]
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (index, (text, role)) in lines.enumerated() {
            let x = area.x + max(0, (area.width - text.count) / 2)
            buffer.write(text, atX: x, y: top + index, role: role, clip: area)
        }
    }
}
