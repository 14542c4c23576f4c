/// The answer to a confirmation.
package enum ConfirmDecision: Hashable, Sendable {
    case confirmed
    case cancelled
}

/// A centred yes/no box: `y` confirms, `n` or Escape cancels. An irreversible one (RDP level
/// 2) is drawn in the error role under a warning title and takes a deliberate capital `Y`.
package struct ConfirmWidget: Widget, Sendable {
    package var question: String
    /// Extra lines, such as which pages an erase will touch.
    package var details: [String]
    /// True for a step a real part can never take back: plain `y` does not confirm it.
    package var irreversible: Bool

    package init(question: String, details: [String] = [], irreversible: Bool = false) {
        self.question = question
        self.details = details
        self.irreversible = irreversible
    }

    /// The decision a key makes, or nil for keys the box ignores; an irreversible step needs `Y`.
    package static func decision(for key: Key, irreversible: Bool = false) -> ConfirmDecision? {
        switch key {
        case .char("Y"): return .confirmed
        case .char("y"): return irreversible ? nil : .confirmed
        case .char("n"), .char("N"), .escape: return .cancelled
        default: return nil
        }
    }

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let answers = irreversible ? "Y (shift-y) = yes, I mean it   n/Esc = no" : "y = yes   n/Esc = no"
        let lines = [question] + details
        let width = max(answers.count, lines.map(\.count).max() ?? 0) + 4
        let box = area.centred(Size(width: width, height: lines.count + 4))
        let title = irreversible ? "WARNING: cannot be undone on a real part" : "Confirm"
        let inner = Frame(title: title).render(in: box, into: &buffer)
        guard !inner.isEmpty else { return }
        if irreversible { buffer.setRole(.error, in: box) }
        let content = inner.inset(horizontal: 1, vertical: 0)
        for (index, text) in lines.enumerated() {
            buffer.write(
                text.truncated(to: content.width), atX: content.x, y: content.y + index,
                role: irreversible ? .error : (index == 0 ? .title : .normal), clip: content)
        }
        buffer.write(answers, atX: content.x, y: content.bottom - 1, role: .keyBarKey, clip: content)
    }
}
