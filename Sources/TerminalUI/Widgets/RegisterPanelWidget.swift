import FlashCore

/// One decoded field of a register row.
public struct RegisterFieldValue: Hashable, Sendable {
    public var name: String
    public var bits: Int
    public var value: UInt32
    /// Changed by the last step; drawn in the `changed` role.
    public var changed: Bool

    public init(name: String, bits: Int, value: UInt32, changed: Bool = false) {
        self.name = name
        self.bits = bits
        self.value = value
        self.changed = changed
    }
}

/// One register: name, value and the fields worth showing.
public struct RegisterRow: Hashable, Sendable {
    public var name: String
    public var value: UInt32
    public var fields: [RegisterFieldValue]

    public init(name: String, value: UInt32, fields: [RegisterFieldValue] = []) {
        self.name = name
        self.value = value
        self.fields = fields
    }

    public var changed: Bool { fields.contains(where: \.changed) }
}

/// Registers as rows of `NAME  0xVALUE  FIELD=v FIELD=v…`; the fields wrap
/// onto following lines under the first, and changed ones are highlighted.
public struct RegisterPanelWidget: Widget, Sendable {
    public var title: String
    public var rows: [RegisterRow]

    public init(title: String = "Registers", rows: [RegisterRow]) {
        self.title = title
        self.rows = rows
    }

    public func render(in area: Rect, into buffer: inout ScreenBuffer) {
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
