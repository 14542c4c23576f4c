/// The answer to a confirmation.
package enum ConfirmDecision: Hashable, Sendable {
    case confirmed
    case cancelled
}

/// A centred yes/no box: `y` confirms, `n` or Escape cancels.
package struct ConfirmWidget: Widget, Sendable {
    package var question: String
    /// Extra lines, such as which pages an erase will touch.
    package var details: [String]

    package init(question: String, details: [String] = []) {
        self.question = question
        self.details = details
    }

    /// The decision a key makes, or nil for keys the box ignores.
    package static func decision(for key: Key) -> ConfirmDecision? {
        switch key {
        case .char("y"), .char("Y"): return .confirmed
        case .char("n"), .char("N"), .escape: return .cancelled
        default: return nil
        }
    }

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let answers = "y = yes   n/Esc = no"
        let lines = [question] + details
        let width = max(answers.count, lines.map(\.count).max() ?? 0) + 4
        let box = area.centred(Size(width: width, height: lines.count + 4))
        let inner = Frame(title: "Confirm").render(in: box, into: &buffer)
        guard !inner.isEmpty else { return }
        let content = inner.inset(horizontal: 1, vertical: 0)
        for (index, text) in lines.enumerated() {
            buffer.write(
                text.truncated(to: content.width), atX: content.x, y: content.y + index,
                role: index == 0 ? .title : .normal, clip: content)
        }
        buffer.write(answers, atX: content.x, y: content.bottom - 1, role: .keyBarKey, clip: content)
    }
}
