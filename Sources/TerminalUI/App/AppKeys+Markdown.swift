import TerminalKit

/// The README's key table, written from the same tables that drive dispatch, the key bar and the
/// help overlay, so the three never disagree (a test checks the README holds exactly this).
extension AppKeys {
    /// Markdown rows: every binding of the normal table, then those step mode and a running
    /// operation add or change (a key that does the same there is listed once).
    package static func markdownTable() -> String {
        var rows = ["| key | does |", "|---|---|"]
        var seen = Set<String>()
        let sections: [(table: KeyTable<AppAction>, note: String)] = [
            (normal, ""), (stepping, "in step mode: "), (running, "while an operation runs: "),
            (served, "while serving a debug client: "), (clientHeld, "while a served client is held: "),
            (attached, "on an attached board (`tui --attach`): "),
        ]
        for (table, note) in sections {
            for binding in table.bindings where seen.insert(binding.keyText + " " + binding.help).inserted {
                let keys = binding.keys.map { codeSpan($0.description) }.joined(separator: " ")
                let help = note.isEmpty ? binding.help : binding.help.prefix(1).lowercased() + binding.help.dropFirst()
                rows.append("| \(keys) | \(note)\(help) |")
            }
        }
        return rows.joined(separator: "\n")
    }

    /// A Markdown code span; one holding a backtick takes two around it, spaced (CommonMark 6.1).
    private static func codeSpan(_ text: String) -> String {
        text.contains("`") ? "`` \(text) ``" : "`\(text)`"
    }
}
