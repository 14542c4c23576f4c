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
