import FlashCore
import TerminalKit

/// The step panel: the access just replayed, decoded, above the controller registers
/// with the fields it changed highlighted.
package struct StepPanelWidget: Widget {
    package var session: StepSession

    package init(session: StepSession) {
        self.session = session
    }

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let core = session.currentInstruction
        let parts = area.split(.vertical, [.fixed(core == nil ? 4 : 7), .fill()])
        let title = "Step \(session.position)/\(session.total): \(session.operation.title)"
        let inner = Frame(title: title).render(in: parts[0], into: &buffer)
        if !inner.isEmpty {
            let lines = Self.describe(session.currentAccess) + (core.map(Self.describe) ?? [])
            for (index, line) in lines.prefix(inner.height).enumerated() {
                buffer.write(
                    line.text.truncated(to: inner.width), atX: inner.x, y: inner.y + index, role: line.role,
                    clip: inner)
            }
        }
        RegisterPanelWidget(title: "FLASH registers", rows: session.registerRows).render(in: parts[1], into: &buffer)
    }

    /// The emulated instruction behind the access: `PC 0x2000014A #77  str r3, [r2]` and the core registers.
    static func describe(_ step: CoreStep) -> [(text: String, role: Role)] {
        let registers = step.registers
        func word(_ value: UInt32) -> String { String(hex(value).dropFirst(2)) }
        let split = min(7, registers.r.count)
        let low = (0..<split).map { "r\($0)=\(word(registers.r[$0]))" }.joined(separator: " ")
        let high =
            (split..<registers.r.count).map { "r\($0)=\(word(registers.r[$0]))" }.joined(separator: " ")
            + " sp=\(word(registers.sp)) lr=\(word(registers.lr))"
        return [
            (
                "PC \(hex(step.pc))  #\(step.instruction)  \(step.disassembly ?? "(no disassembler: install libcapstone4)")",
                .title
            ),
            (low, .normal), (high, .normal),
        ]
    }

    /// `write NSCR ← 0x00010002  PER=1 PNB=1 (was 0)` and its notes.
    static func describe(_ access: RenderedTraceEntry?) -> [(text: String, role: Role)] {
        guard let access else { return [("before the first access: n steps", .dim)] }
        let arrow = access.access == "write" ? "←" : "→"
        let target = access.register ?? hex(access.address)
        var first =
            "#\(access.seq) \(access.access) \(target) \(arrow) \(hex(access.value))  at \(formatDuration(access.time))"
        if !access.changes.isEmpty { first += "  " + access.changes.joined(separator: " ") }
        return [(first, .changed), (access.note.isEmpty ? " " : access.note, .dim)]
    }
}
