/// The bottom line: each binding of the key table as "keys label", in
/// table order, as many as fit whole.
package struct KeyBarWidget<Action: Hashable & Sendable>: Widget, Sendable {
    package var table: KeyTable<Action>

    package init(table: KeyTable<Action>) {
        self.table = table
    }

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        guard !area.isEmpty else { return }
        let line = area.row(0)
        buffer.fill(line, with: Cell(" ", role: .keyBar))
        var x = line.x
        for binding in table.bindings {
            let keys = binding.keyText
            let width = keys.count + 1 + binding.label.count
            guard x + width <= line.right else { break }
            x = buffer.write(keys, atX: x, y: line.y, role: .keyBarKey, clip: line)
            x = buffer.write(" " + binding.label, atX: x, y: line.y, role: .keyBar, clip: line) + 2
        }
    }
}
