/// The editable state of a one-line prompt; the app owns it and feeds it keys.
package struct PromptState: Hashable, Sendable {
    /// What a key did to the prompt.
    package enum Outcome: Hashable, Sendable {
        case editing
        case submitted(String)
        case cancelled
    }

    package var label: String
    package private(set) var text: String
    /// Insertion point, in characters from the start of `text`.
    package private(set) var cursor: Int
    /// Shown under the input, for example after a rejected submission.
    package var error: String?
    /// Values Tab can complete to.
    package var candidates: [String]
    /// Shown under the input while there is no error and nothing to complete: what the value means.
    package var hint: String?

    package init(
        label: String, text: String = "", candidates: [String] = [], error: String? = nil, hint: String? = nil
    ) {
        self.label = label
        self.text = text
        self.cursor = text.count
        self.candidates = candidates
        self.error = error
        self.hint = hint
    }

    /// Candidates that start with the text typed so far.
    package var matches: [String] { candidates.filter { $0.hasPrefix(text) } }

    /// Extends the text to the longest prefix shared by all matches.
    package mutating func complete() {
        let found = matches
        guard var common = found.first else { return }
        for candidate in found.dropFirst() {
            common = String(zip(common, candidate).prefix { $0 == $1 }.map(\.0))
        }
        if common.count > text.count {
            text = common
            cursor = text.count
        }
    }

    /// Applies one key: editing keys change the text, Enter submits, Esc cancels.
    package mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .enter: return .submitted(text)
        case .escape, .ctrl("c"): return .cancelled
        case .tab: complete()
        case .char(let c): insert(c)
        case .backspace: if cursor > 0 { remove(at: cursor - 1); cursor -= 1 }
        case .delete: if cursor < text.count { remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .ctrl("u"): text = ""; cursor = 0
        default: return .editing
        }
        error = nil
        return .editing
    }

    private mutating func insert(_ character: Character) {
        text.insert(character, at: text.index(text.startIndex, offsetBy: cursor))
        cursor += 1
    }

    private mutating func remove(at offset: Int) {
        text.remove(at: text.index(text.startIndex, offsetBy: offset))
    }
}
