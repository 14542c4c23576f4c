import FlashCore
import TerminalKit

/// Marks, as in vi: `` ` `` and a letter keeps the cursor's address under that letter, `'` and the
/// letter goes back to it, and `''` returns to where the last jump started. They last the session.
extension App {
    /// What the key after `` ` `` or `'` is for.
    enum MarkKey: Equatable, Sendable {
        case set, jump
    }

    static func beginMark(_ model: inout AppModel, _ purpose: MarkKey) {
        model.pendingMark = purpose
        switch purpose {
        case .set:
            model.status = StatusMessage("mark \(hex(model.cursor)) as: a letter a–z (Esc cancels)")
        case .jump:
            let marks = model.marks.sorted { $0.key < $1.key }.map { "\($0.key) \(hex($0.value))" }
            let listed = marks.isEmpty ? "no marks yet (` and a letter sets one)" : marks.joined(separator: ", ")
            model.status = StatusMessage("jump to mark: \(listed); ' goes back (Esc cancels)")
        }
    }

    /// The key after `` ` `` or `'`: a letter (or `'` to go back); anything else cancels.
    static func handleMarkKey(_ model: inout AppModel, _ key: Key) -> [AppEffect] {
        guard let purpose = model.pendingMark else { return [] }
        model.pendingMark = nil
        guard case .char(let letter) = key else {
            model.status = StatusMessage("no mark \(purpose == .set ? "set" : "jumped to")")
            return []
        }
        switch purpose {
        case .set:
            guard letter.isASCII, letter.isLowercase else {
                model.status = StatusMessage("marks are the letters a–z, not \(letter)", isError: true)
                return []
            }
            model.marks[letter] = model.cursor
            model.status = StatusMessage("mark \(letter) at \(hex(model.cursor))")
        case .jump:
            let target: UInt32
            if letter == "'" {
                guard let from = model.jumpedFrom else {
                    model.status = StatusMessage("no jump to go back from yet", isError: true)
                    return []
                }
                target = from
            } else {
                guard let address = model.marks[letter] else {
                    model.status = StatusMessage("no mark \(letter): ` and \(letter) sets it", isError: true)
                    return []
                }
                target = address
            }
            // A mark may lie where the layout no longer reaches (the flash shrank when DBANK changed).
            let clamped = FlashCursor.clamp(target, in: model.shownMachine)
            model.jumpedFrom = model.cursor
            model.cursor = clamped
            let name = letter == "'" ? "back" : "mark \(letter)"
            model.status = StatusMessage(
                clamped == target
                    ? "\(name): \(hex(clamped))" : "\(name): \(hex(target)) is not in the flash now; at \(hex(clamped))"
            )
        }
        return []
    }
}
