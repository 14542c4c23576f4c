import TerminalKit

/// One option-byte field with its effective and pending values.
package struct OptionByteRow: Hashable, Sendable {
    package var name: String
    package var bits: Int
    package var effective: UInt32
    package var pending: UInt32

    package init(name: String, bits: Int, effective: UInt32, pending: UInt32) {
        self.name = name
        self.bits = bits
        self.effective = effective
        self.pending = pending
    }

    /// True when an option-byte launch would change this field.
    package var isPending: Bool { effective != pending }
}

/// A table of option-byte fields; rows whose pending value differs from the
/// effective one are marked `*` and drawn in the `pending` role.
package struct OptionBytesPanelWidget: Widget, Sendable {
    package var title: String
    package var rows: [OptionByteRow]
    package var firstRow: Int

    package init(title: String = "Option bytes", rows: [OptionByteRow], firstRow: Int = 0) {
        self.title = title
        self.rows = rows
        self.firstRow = firstRow
    }

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let inner = Frame(title: title).render(in: area, into: &buffer)
        guard !inner.isEmpty else { return }
        let nameWidth = max(5, rows.map(\.name.count).max() ?? 0)
        let valueWidth = max(9, rows.map { FieldFormat.text(0, bits: $0.bits).count }.max() ?? 0)
        func columns(_ mark: String, _ name: String, _ effective: String, _ pending: String) -> String {
            mark + " " + name.padded(to: nameWidth + 2) + effective.padded(to: valueWidth + 2) + pending
        }
        buffer.write(columns(" ", "Field", "Effective", "Pending"), atX: inner.x, y: inner.y, role: .title, clip: inner)
        let visible = inner.height - 1
        let first = max(0, min(firstRow, rows.count - visible))
        for (line, row) in rows.dropFirst(first).prefix(max(0, visible)).enumerated() {
            let text = columns(
                row.isPending ? "*" : " ", row.name,
                FieldFormat.text(row.effective, bits: row.bits), FieldFormat.text(row.pending, bits: row.bits))
            buffer.write(
                text, atX: inner.x, y: inner.y + 1 + line, role: row.isPending ? .pending : .normal, clip: inner)
        }
    }
}
