extension Character {
    /// What a cell shows for this grapheme.
    ///
    /// Cells are one column wide, so control characters (which would reach
    /// the terminal as escape sequences) and double-width graphemes (which
    /// would shift the rest of the row) are shown as U+FFFD instead.
    var cellSafe: Character {
        guard let first = unicodeScalars.first else { return "\u{FFFD}" }
        let v = first.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return "\u{FFFD}" }
        // Most cells (text, box drawing, block elements) are narrow without asking Unicode's tables:
        // nothing below U+1100 or among U+2500–U+259F is wide or presented as an emoji.
        if v < 0x1100 || (0x2500...0x259F).contains(v) { return self }
        if Character.isWide(first) { return "\u{FFFD}" }
        return self
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if scalar.properties.isEmojiPresentation { return true }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
