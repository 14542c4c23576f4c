import FlashCore

/// The step panel: the access just replayed, decoded, above the controller registers
/// with the fields it changed highlighted.
public struct StepPanelWidget: Widget {
    public var session: StepSession

    public init(session: StepSession) {
        self.session = session
    }

    public func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let parts = area.split(.vertical, [.fixed(4), .fill()])
        let title = "Step \(session.position)/\(session.total): \(session.operation.title)"
        let inner = Frame(title: title).render(in: parts[0], into: &buffer)
        if !inner.isEmpty {
            let lines = Self.describe(session.currentAccess)
            for (index, line) in lines.prefix(inner.height).enumerated() {
                buffer.write(line.text.truncated(to: inner.width), atX: inner.x, y: inner.y + index, role: line.role,
                             clip: inner)
            }
        }
        RegisterPanelWidget(title: "FLASH registers", rows: session.registerRows).render(in: parts[1], into: &buffer)
    }

    /// `write NSCR ← 0x00010002  PER=1 PNB=1 (was 0)` and its notes.
    static func describe(_ access: RenderedTraceEntry?) -> [(text: String, role: Role)] {
        guard let access else { return [("before the first access: n steps", .dim)] }
        let arrow = access.access == "write" ? "←" : "→"
        let target = access.register ?? hex(access.address)
        var first = "#\(access.seq) \(access.access) \(target) \(arrow) \(hex(access.value))  at \(formatDuration(access.time))"
        if !access.changes.isEmpty { first += "  " + access.changes.joined(separator: " ") }
        return [(first, .changed), (access.note.isEmpty ? " " : access.note, .dim)]
    }
}
