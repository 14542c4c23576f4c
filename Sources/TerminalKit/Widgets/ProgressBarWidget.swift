/// One line for work in progress, in the key bar's colours:
/// `program big.bin: ███████░░░░░  58% (9/16 sectors)  Esc Cancel`. Before the first report
/// (`total` 0) it says the work has started.
package struct ProgressBarWidget: Widget, Sendable {
    package var title: String
    package var done: Int
    package var total: Int
    /// What `done` and `total` count, e.g. "sectors".
    package var unit: String
    /// The key that stops the work and what it does, shown after the bar.
    package var hint: (key: String, label: String)?

    package init(title: String, done: Int, total: Int, unit: String, hint: (key: String, label: String)? = nil) {
        self.title = title
        self.done = done
        self.total = total
        self.unit = unit
        self.hint = hint
    }

    /// 0 to 100.
    package var percent: Int { total > 0 ? min(100, max(0, done) * 100 / total) : 0 }

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        guard !area.isEmpty else { return }
        let line = area.row(0)
        buffer.fill(line, with: Cell(" ", role: .keyBar))
        let hintText = hint.map { "  \($0.key) \($0.label)" } ?? ""
        let counts = total > 0 ? " \(String(percent).padding(toWidth: 3))% (\(done)/\(total) \(unit))" : "starting…"
        // The title gives way to a bar of at least a dozen cells.
        let label = String(title.prefix(max(0, line.width - counts.count - hintText.count - 14))) + ": "
        var text: String
        if total > 0 {
            let barWidth = max(0, line.width - label.count - counts.count - hintText.count)
            let filled = barWidth * min(max(0, done), total) / total
            text =
                label + String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
                + counts
        } else {
            text = label + counts
        }
        let x = buffer.write(text, atX: line.x, y: line.y, role: .keyBar, clip: line)
        guard let hint else { return }
        let keyX = buffer.write("  ", atX: x, y: line.y, role: .keyBar, clip: line)
        let labelX = buffer.write(hint.key, atX: keyX, y: line.y, role: .keyBarKey, clip: line)
        buffer.write(" " + hint.label, atX: labelX, y: line.y, role: .keyBar, clip: line)
    }
}

extension String {
    /// Right-aligned in `width` columns: `" 58"`.
    fileprivate func padding(toWidth width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
