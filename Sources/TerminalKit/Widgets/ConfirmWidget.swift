/// The answer to a confirmation.
package enum ConfirmDecision: Hashable, Sendable {
    case confirmed
    case cancelled
    /// The first `y` of a confirmation with warnings: one more `y` goes ahead.
    case armed
}

/// A centred yes/no box: `y` confirms, `n` or Escape cancels. One with warnings (data lost
/// outside the request, errors a plan predicts) shows them in the warning role and takes a
/// second, deliberate `y`. An irreversible one (RDP level 2) is drawn in the error role under a
/// warning title and takes a capital `Y`.
package struct ConfirmWidget: Widget, Sendable {
    package var question: String
    /// Extra lines, such as which pages an erase will touch.
    package var details: [String]
    /// Consequences to read before going on, drawn in the warning role.
    package var warnings: [String]
    /// True for a step a real part can never take back: plain `y` does not confirm it.
    package var irreversible: Bool
    /// The first `y` of a confirmation with warnings was pressed.
    package var armed: Bool
    /// The role of the detail lines: `.warning` when they predict what a real chip is about to do.
    package var detailRole: Role

    package init(
        question: String, details: [String] = [], warnings: [String] = [], irreversible: Bool = false,
        armed: Bool = false, detailRole: Role = .normal
    ) {
        self.detailRole = detailRole
        self.question = question
        self.details = details
        self.warnings = warnings
        self.irreversible = irreversible
        self.armed = armed
    }

    /// The decision a key makes, or nil for keys the box ignores. An irreversible step needs `Y`;
    /// one with warnings needs `y` twice (the first arms it).
    package static func decision(
        for key: Key, irreversible: Bool = false, warned: Bool = false, armed: Bool = false
    ) -> ConfirmDecision? {
        switch key {
        case .char("n"), .char("N"), .escape: return .cancelled
        case .char("Y") where irreversible: return .confirmed
        case .char("y"), .char("Y"):
            if irreversible { return nil }
            return warned && !armed ? .armed : .confirmed
        default: return nil
        }
    }

    /// The answer line the box ends with.
    package var answers: String {
        if irreversible { return "Y (shift-y) = yes, I mean it   n/Esc = no" }
        if warnings.isEmpty { return "y = yes   n/Esc = no" }
        return armed ? "y again = yes, despite the warning   n/Esc = no" : "y, then y again = yes   n/Esc = no"
    }

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let marked = warnings.map { "⚠ " + $0 }
        let lines = [question] + details + marked
        let width = min(area.width, max(answers.count, lines.map(\.count).max() ?? 0) + 4)
        let box = area.centred(Size(width: width, height: lines.count + 4))
        let title =
            irreversible
            ? "WARNING: cannot be undone on a real part" : warnings.isEmpty ? "Confirm" : "Confirm: read the warning"
        let inner = Frame(title: title).render(in: box, into: &buffer)
        guard !inner.isEmpty else { return }
        if irreversible { buffer.setRole(.error, in: box) }
        let content = inner.inset(horizontal: 1, vertical: 0)
        for (index, text) in lines.enumerated() {
            let role: Role
            if irreversible {
                role = .error
            } else if index == 0 {
                role = .title
            } else {
                role = index > details.count ? .warning : detailRole
            }
            buffer.write(
                text.truncated(to: content.width), atX: content.x, y: content.y + index, role: role, clip: content)
        }
        buffer.write(
            answers, atX: content.x, y: content.bottom - 1, role: armed ? .warning : .keyBarKey, clip: content)
    }
}
