import FlashCore
import TerminalKit

/// The step panel: the access just replayed, decoded (with the emulated instruction behind it and
/// every core register, wrapped to the width), above the registers with the fields it changed highlighted.
package struct StepPanelWidget: Widget {
    package var session: StepSession

    package init(session: StepSession) {
        self.session = session
    }

    /// Rows the panel needs at `width` to show everything: the access box and every register row.
    package func height(forWidth width: Int) -> Int {
        let inner = max(1, width - 2)
        return lines(width: inner).count + 2 + registerPanel.height(forWidth: width)
    }

    private var registerPanel: RegisterPanelWidget {
        let title = session.drivesOctoSPIFlash ? "OCTOSPI1 and FLASH registers" : "FLASH registers"
        return RegisterPanelWidget(title: title, rows: session.registerRows)
    }

    private func lines(width: Int) -> [(text: String, role: Role)] {
        let access = Self.describe(session.currentAccess)
        let core = session.currentInstruction.map { Self.describe($0, width: width) } ?? []
        return access.flatMap { line in line.text.wrapped(to: width).map { ($0, line.role) } } + core
    }

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let width = max(1, area.width - 2)
        let lines = lines(width: width)
        let parts = area.split(.vertical, [.fixed(lines.count + 2), .fill()])
        let title = "Step \(session.position)/\(session.total): \(session.operation.title)"
        let inner = Frame(title: title).render(in: parts[0], into: &buffer)
        if !inner.isEmpty {
            for (index, line) in lines.prefix(inner.height).enumerated() {
                buffer.write(line.text, atX: inner.x, y: inner.y + index, role: line.role, clip: inner)
            }
        }
        registerPanel.render(in: parts[1], into: &buffer)
    }

    /// The emulated instruction behind the access, `PC 0x2000014A #77  str r3, [r2]`, then
    /// r0–r12, sp, lr and pc flowed into as many lines of `width` as they need.
    static func describe(_ step: CoreStep, width: Int) -> [(text: String, role: Role)] {
        let registers = step.registers
        func word(_ value: UInt32) -> String { String(hex(value).dropFirst(2)) }
        let words =
            registers.r.indices.map { "r\($0)=\(word(registers.r[$0]))" }
            + ["sp=\(word(registers.sp))", "lr=\(word(registers.lr))", "pc=\(word(step.pc))"]
        let head =
            "PC \(hex(step.pc))  #\(step.instruction)  \(step.disassembly ?? "(no disassembler: install libcapstone4)")"
        return head.wrapped(to: width).map { ($0, Role.title) }
            + words.joined(separator: " ").wrapped(to: width).map { ($0, Role.normal) }
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
