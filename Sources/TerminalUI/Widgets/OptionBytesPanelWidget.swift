import TerminalKit

/// One option-byte field with its effective and pending values, and how each reads
/// (an address, a page number, `level 1 (0xBB)`); by default the raw field value.
package struct OptionByteRow: Hashable, Sendable {
    package var name: String
    package var bits: Int
    package var effective: UInt32
    package var pending: UInt32
    package var effectiveText: String
    package var pendingText: String
    /// What the value means (`write-protected 0x0803F800–0x0803FFFF (page 127)`); for a pending
    /// row, what the pending value will mean.
    package var meaning: String

    package init(
        name: String, bits: Int, effective: UInt32, pending: UInt32, effectiveText: String? = nil,
        pendingText: String? = nil, meaning: String = ""
    ) {
        self.name = name
        self.bits = bits
        self.effective = effective
        self.pending = pending
        self.effectiveText = effectiveText ?? FieldFormat.text(effective, bits: bits)
        self.pendingText = pendingText ?? FieldFormat.text(pending, bits: bits)
        self.meaning = meaning
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

    private static func widths(of rows: [OptionByteRow]) -> (name: Int, value: Int) {
        let nameWidth = max(5, rows.map(\.name.count).max() ?? 0)
        let valueWidth = max(9, rows.map { max($0.effectiveText.count, $0.pendingText.count) }.max() ?? 0)
        return (nameWidth, valueWidth)
    }

    /// Columns the widest row takes inside the frame; with `meanings`, the meaning column too.
    package static func contentWidth(of rows: [OptionByteRow], meanings: Bool = false) -> Int {
        let (name, value) = widths(of: rows)
        let values = 2 + name + 2 + value + 2 + value
        guard meanings, let widest = rows.map(\.meaning.count).max(), widest > 0 else { return values }
        return values + 2 + max(7, widest)
    }

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let inner = Frame(title: title).render(in: area, into: &buffer)
        guard !inner.isEmpty else { return }
        let (nameWidth, valueWidth) = Self.widths(of: rows)
        // The meaning column starts after the pending one and is cut at the frame where the panel is narrow.
        func columns(_ mark: String, _ name: String, _ effective: String, _ pending: String, _ meaning: String)
            -> String
        {
            mark + " " + name.padded(to: nameWidth + 2) + effective.padded(to: valueWidth + 2)
                + pending.padded(to: valueWidth + 2) + meaning
        }
        buffer.write(
            columns(" ", "Field", "Effective", "Pending", "Meaning"), atX: inner.x, y: inner.y, role: .title,
            clip: inner)
        let visible = inner.height - 1
        let first = max(0, min(firstRow, rows.count - visible))
        for (line, row) in rows.dropFirst(first).prefix(max(0, visible)).enumerated() {
            let text = columns(row.isPending ? "*" : " ", row.name, row.effectiveText, row.pendingText, row.meaning)
            buffer.write(
                text, atX: inner.x, y: inner.y + 1 + line, role: row.isPending ? .pending : .normal, clip: inner)
        }
    }
}
