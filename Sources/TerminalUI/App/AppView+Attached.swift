import FlashCore
import TerminalKit

/// Drawing an attached board: the title names it and says how far it has been read, and the hex
/// view of a range not read yet (or refused) says so instead of showing bytes it does not know.
extension App {
    /// `attached 127.0.0.1:3333: STM32L552xC, RDP 0, core halted · LIVE · read 64/256 KiB`.
    static func attachedTitle(_ view: AttachedView) -> String {
        var text = "attached \(view.server): \(view.board)"
        if view.live { text += " · LIVE" }
        if view.lost != nil {
            text += " · connection lost"
        } else if let running = view.running {
            text += " · running \(running)"
        } else if view.done < view.total || view.readAt == nil {
            text += " · reading \(view.done / 1024)/\(view.total / 1024) KiB"
        } else if let time = view.readAt {
            text += " · read at \(time)"
        }
        return text
    }

    /// Why the hex view shows no bytes for `[start, start + count)`, or nil when they have been read.
    static func unreadNote(_ view: AttachedView, _ start: UInt32, count: UInt32) -> String? {
        if view.isRefused(start, count: count) {
            return "the board refused to read \(hex(start)) (readout protection): its bytes are unknown"
        }
        if view.isRead(start, count: count) { return nil }
        if view.lost != nil { return "not read before the connection was lost" }
        return "reading \(hex(start)) from the board…"
    }

    static func renderNote(_ note: String, title: String, in rect: Rect, into buffer: inout ScreenBuffer) {
        let inner = Frame(title: title).render(in: rect, into: &buffer)
        guard !inner.isEmpty else { return }
        buffer.write(note.truncated(to: inner.width - 2), atX: inner.x + 1, y: inner.y, role: .dim, clip: inner)
    }
}
