/// A mistyped command: the terminal UI (the default command) takes no arguments, so a first
/// argument that is neither an option nor a command name is a command the user meant, named
/// back with the nearest real one instead of being parsed as the UI's arguments.
enum CommandSuggestion {
    /// Every name the first argument may be (`help` is the parser's own).
    static var names: [String] {
        FlashScope.configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    }

    /// The failure for arguments that start with an unknown command, nil for anything else.
    static func failure(for arguments: [String]) -> CommandFailure? {
        guard let first = arguments.first, !first.hasPrefix("-"), !names.contains(first) else { return nil }
        let shown = first.unicodeScalars.map { $0.properties.isWhitespace || $0.value < 0x20 ? "?" : String($0) }
            .joined()
        let nearest = names.map { (name: $0, distance: editDistance(first, $0)) }.min { $0.distance < $1.distance }
        // Close enough to be a slip of the keyboard: a third of the word, at least two edits.
        if let nearest, nearest.distance <= max(2, first.count / 3) {
            return CommandFailure(
                "unknown command '\(shown)'; did you mean '\(nearest.name)'?", status: ExitStatus.usage)
        }
        return CommandFailure(
            "unknown command '\(shown)' (commands: \(names.joined(separator: ", ")))", status: ExitStatus.usage)
    }

    /// Levenshtein distance: insertions, deletions and substitutions of characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }
}
