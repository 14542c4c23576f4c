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

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let inner = Frame(title: title).render(in: area, into: &buffer)
        guard !inner.isEmpty else { return }
        let nameWidth = rows.map(\.name.count).max() ?? 0
        let fieldsX = inner.x + nameWidth + 2 + 10 + 2
        var y = inner.y
        for row in rows {
            guard y < inner.bottom else { return }
            var x = buffer.write(row.name.padded(to: nameWidth + 2), atX: inner.x, y: y, role: .title, clip: inner)
            x = buffer.write(hex(row.value), atX: x, y: y, role: row.changed ? .changed : .normal, clip: inner)
            x = fieldsX
            for field in row.fields {
                let text = "\(field.name)=\(FieldFormat.text(field.value, bits: field.bits))"
                if x > fieldsX, x + text.count > inner.right {
                    y += 1
                    x = fieldsX
                    guard y < inner.bottom else { return }
                }
                x = buffer.write(text, atX: x, y: y, role: field.changed ? .changed : .dim, clip: inner) + 1
            }
            y += 1
        }
    }
}
