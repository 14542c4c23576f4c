import FlashCore
import TerminalKit

/// The messages panel: the session's status messages, newest at the bottom, each wrapped whole.
extension App {
    static func renderMessages(_ model: AppModel, in rect: Rect, into buffer: inout ScreenBuffer) {
        let inner = Frame(title: "Messages (m: the log viewer)").render(in: rect, into: &buffer)
        guard !inner.isEmpty else { return }
        var lines: [(text: String, role: Role)] = []
        for message in model.messages.suffix(inner.height) {
            let role: Role = message.isError ? .error : .normal
            lines += message.text.wrapped(to: inner.width).map { ($0, role) }
        }
        for (index, line) in lines.suffix(inner.height).enumerated() {
            buffer.write(line.text, atX: inner.x, y: inner.y + index, role: line.role, clip: inner)
        }
    }
}
