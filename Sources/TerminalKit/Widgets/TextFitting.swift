extension String {
    /// The string cut to `width` characters, ending in "…" when cut.
    package func truncated(to width: Int) -> String {
        guard width > 0 else { return "" }
        guard count > width else { return self }
        return String(prefix(width - 1)) + "…"
    }

    /// The string padded with spaces (or cut) to exactly `width` characters.
    package func padded(to width: Int) -> String {
        let cut = truncated(to: width)
        return cut + String(repeating: " ", count: max(0, width - cut.count))
    }
}

extension String {
    /// The string broken into lines of at most `width` characters, at spaces where it can be
    /// and inside a word longer than a line; nothing of it is dropped.
    package func wrapped(to width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in split(separator: "\n", omittingEmptySubsequences: false) {
            // A line that fits keeps its spacing as it is.
            if paragraph.count <= width {
                lines.append(String(paragraph))
                continue
            }
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = Substring(word)
                if !line.isEmpty, line.count + 1 + word.count <= width {
                    line += " " + word
                    continue
                }
                if !line.isEmpty { lines.append(line) }
                while word.count > width {
                    lines.append(String(word.prefix(width)))
                    word = word.dropFirst(width)
                }
                line = String(word)
            }
            lines.append(line)
        }
        return lines
    }
}
