/// A one-line input with its label; the second line shows the error, or
/// the completions when several candidates match.
package struct PromptWidget: Widget, Sendable {
    package var state: PromptState

    package init(state: PromptState) {
        self.state = state
    }

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        guard !area.isEmpty else { return }
        buffer.fill(area)
        let line = area.row(0)
        let fieldX = buffer.write(state.label + ": ", atX: line.x, y: line.y, role: .title, clip: line)
        let fieldWidth = line.right - fieldX
        guard fieldWidth > 0 else { return }
        // Scroll the text so the cursor (one cell past the end at most) stays visible.
        let scroll = max(0, state.cursor - fieldWidth + 1)
        let visible = String(state.text.dropFirst(scroll).prefix(fieldWidth))
        buffer.write(visible, atX: fieldX, y: line.y, role: .normal, clip: line)
        let cursorX = fieldX + state.cursor - scroll
        let under = buffer.cell(atX: cursorX, y: line.y)?.character ?? " "
        buffer.write(String(under), atX: cursorX, y: line.y, role: .cursor, clip: line)
        let second = area.row(1)
        if let error = state.error {
            buffer.write(error.truncated(to: second.width), atX: second.x, y: second.y, role: .error, clip: second)
        } else if state.matches.count > 1 {
            let list = state.matches.joined(separator: "  ")
            buffer.write(list.truncated(to: second.width), atX: second.x, y: second.y, role: .dim, clip: second)
        } else if let hint = state.hint {
            buffer.write(hint.truncated(to: second.width), atX: second.x, y: second.y, role: .dim, clip: second)
        }
    }
}
