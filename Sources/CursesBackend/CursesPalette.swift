import CNcursesW
import TerminalKit

/// The curses attributes for each role: colour pairs from the theme when
/// the terminal has colours, attributes alone otherwise.
struct CursesPalette {
    private var attributes: [Role: attr_t] = [:]
    private var pairs: [Role: Int16] = [:]

    /// Sets up colour pairs (call after `newterm`). `theme` should already
    /// be the monochrome one when the environment forbids colour.
    init(theme: Theme) {
        let colours = theme.isMonochrome ? false : has_colors()
        var hasDefaults = false
        if colours {
            start_color()
            hasDefaults = use_default_colors() == OK
        }
        let palette = Int(fs_colors())
        let maxPairs = Int(fs_color_pairs())
        for (index, role) in Role.allCases.enumerated() {
            let style = theme.style(for: role)
            attributes[role] = Self.attributes(style.attributes)
            let pair = index + 1
            guard colours, pair < maxPairs, !style.isColourless else { continue }
            let fg = Self.number(
                style.foreground.reduced(toPalette: palette), defaultsAllowed: hasDefaults, fallback: COLOR_WHITE)
            let bg = Self.number(
                style.background.reduced(toPalette: palette), defaultsAllowed: hasDefaults, fallback: COLOR_BLACK)
            if init_pair(Int16(pair), fg, bg) == OK { pairs[role] = Int16(pair) }
        }
    }

    func attributes(for role: Role) -> (attributes: attr_t, pair: Int16) {
        (attributes[role] ?? fs_attr_normal(), pairs[role] ?? 0)
    }

    private static func number(_ colour: Colour, defaultsAllowed: Bool, fallback: Int32) -> Int16 {
        switch colour {
        case .index(let i): return Int16(i)
        case .terminalDefault: return defaultsAllowed ? -1 : Int16(fallback)
        }
    }

    private static func attributes(_ set: TextAttributes) -> attr_t {
        var result = fs_attr_normal()
        if set.contains(.bold) { result |= fs_attr_bold() }
        if set.contains(.dim) { result |= fs_attr_dim() }
        if set.contains(.reverse) { result |= fs_attr_reverse() }
        if set.contains(.underline) { result |= fs_attr_underline() }
        return result
    }
}
