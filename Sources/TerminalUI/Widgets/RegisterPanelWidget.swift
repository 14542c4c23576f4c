import FlashCore
import TerminalKit

/// One decoded field of a register row.
package struct RegisterFieldValue: Hashable, Sendable {
    package var name: String
    package var bits: Int
    package var value: UInt32
    /// Changed by the last step; drawn in the `changed` role.
    package var changed: Bool

    package init(name: String, bits: Int, value: UInt32, changed: Bool = false) {
        self.name = name
        self.bits = bits
        self.value = value
        self.changed = changed
    }
}

/// One register: name, value and the fields worth showing.
package struct RegisterRow: Hashable, Sendable {
    package var name: String
    package var value: UInt32
    package var fields: [RegisterFieldValue]

    package init(name: String, value: UInt32, fields: [RegisterFieldValue] = []) {
        self.name = name
        self.value = value
        self.fields = fields
    }

    package var changed: Bool { fields.contains(where: \.changed) }
}

/// Registers as rows of `NAME  0xVALUE  FIELD=v FIELD=v…`; the fields wrap
/// onto following lines under the first, and changed ones are highlighted.
package struct RegisterPanelWidget: Widget, Sendable {
    package var title: String
    package var rows: [RegisterRow]

    package init(title: String = "Registers", rows: [RegisterRow]) {
        self.title = title
        self.rows = rows
    }

    /// Where a row goes: its first line (from 0) and each field's text, line and column
    /// (from the fields' start), the fields wrapping within `room` columns.
    private struct Placement {
        var line: Int
        var fields: [(text: String, line: Int, column: Int)]
    }

    private func placed(room: Int) -> [Placement] {
        var line = 0
        return rows.map { row in
            let start = line
            var column = 0
            var fields: [(text: String, line: Int, column: Int)] = []
            for field in row.fields {
                let text = "\(field.name)=\(FieldFormat.text(field.value, bits: field.bits))"
                if column > 0, column + text.count > room {
                    line += 1
                    column = 0
                }
                fields.append((text, line, column))
                column += text.count + 1
            }
            line += 1
            return Placement(line: start, fields: fields)
        }
    }

    private var nameWidth: Int { rows.map(\.name.count).max() ?? 0 }

    private func fieldsOffset() -> Int { nameWidth + 2 + 10 + 2 }

    /// Rows the panel takes at `width` with every field shown, frame included.
    package func height(forWidth width: Int) -> Int {
        let placements = placed(room: max(1, width - 2 - fieldsOffset()))
        let lines = placements.last.map { last in (last.fields.last?.line ?? last.line) + 1 } ?? 0
        return lines + 2
    }

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let inner = Frame(title: title).render(in: area, into: &buffer)
        guard !inner.isEmpty else { return }
        let fieldsX = inner.x + fieldsOffset()
        for (row, place) in zip(rows, placed(room: max(1, inner.right - fieldsX))) {
            let y = inner.y + place.line
            guard y < inner.bottom else { return }
            let x = buffer.write(row.name.padded(to: nameWidth + 2), atX: inner.x, y: y, role: .title, clip: inner)
            buffer.write(hex(row.value), atX: x, y: y, role: row.changed ? .changed : .normal, clip: inner)
            for (field, spot) in zip(row.fields, place.fields) where inner.y + spot.line < inner.bottom {
                buffer.write(
                    spot.text, atX: fieldsX + spot.column, y: inner.y + spot.line,
                    role: field.changed ? .changed : .dim, clip: inner)
            }
        }
    }
}
