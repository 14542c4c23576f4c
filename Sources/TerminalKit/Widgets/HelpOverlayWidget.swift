/// A centred box listing every binding of the key table: keys, label, help.
package struct HelpOverlayWidget<Action: Hashable & Sendable>: Widget, Sendable {
    package var table: KeyTable<Action>
    package var title: String
    /// First binding shown, for scrolling a long table in a short terminal.
    package var firstRow: Int

    package init(table: KeyTable<Action>, title: String = "Keys", firstRow: Int = 0) {
        self.table = table
        self.title = title
        self.firstRow = firstRow
    }

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let bindings = table.bindings
        let keyWidth = bindings.map(\.keyText.count).max() ?? 0
        let labelWidth = bindings.map(\.label.count).max() ?? 0
        let helpWidth = bindings.map(\.help.count).max() ?? 0
        let contentWidth = keyWidth + 2 + labelWidth + 2 + helpWidth
        let box = area.centred(Size(width: contentWidth + 4, height: bindings.count + 2))
        let inner = Frame(title: title).render(in: box, into: &buffer)
        guard !inner.isEmpty else { return }
        let first = max(0, min(firstRow, bindings.count - inner.height))
        for (line, binding) in bindings.dropFirst(first).prefix(inner.height).enumerated() {
            let y = inner.y + line
            let content = Rect(x: inner.x + 1, y: y, width: inner.width - 2, height: 1)
            var x = buffer.write(
                binding.keyText.padded(to: keyWidth + 2), atX: content.x, y: y, role: .title, clip: content)
            x = buffer.write(binding.label.padded(to: labelWidth + 2), atX: x, y: y, role: .normal, clip: content)
            buffer.write(binding.help, atX: x, y: y, role: .dim, clip: content)
        }
    }
}
