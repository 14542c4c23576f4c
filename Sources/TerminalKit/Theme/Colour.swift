/// A terminal colour: the terminal's default, or a palette index.
///
/// Indices 0–7 are the basic colours, 8–15 their bright forms, 16–255 the
/// xterm 6×6×6 cube and grey ramp.
package enum Colour: Hashable, Sendable, CustomStringConvertible {
    case terminalDefault
    case index(UInt8)

    /// Names accepted in theme files for indices 0–15.
    package static let names: [String] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    package static let black = Colour.index(0)
    package static let red = Colour.index(1)
    package static let green = Colour.index(2)
    package static let yellow = Colour.index(3)
    package static let blue = Colour.index(4)
    package static let magenta = Colour.index(5)
    package static let cyan = Colour.index(6)
    package static let white = Colour.index(7)
    package static let brightBlack = Colour.index(8)

    /// Parses `default`, a name from `names`, or a decimal index 0–255.
    package init?(name: String) {
        if name == "default" {
            self = .terminalDefault
        } else if let index = Colour.names.firstIndex(of: name) {
            self = .index(UInt8(index))
        } else if let value = UInt8(name) {
            self = .index(value)
        } else {
            return nil
        }
    }

    package var description: String {
        switch self {
        case .terminalDefault: return "default"
        case .index(let i) where i < 16: return Colour.names[Int(i)]
        case .index(let i): return String(i)
        }
    }

    /// The nearest colour a terminal with `count` colours can show
    /// (256, 16 or 8; anything less keeps only the default).
    package func reduced(toPalette count: Int) -> Colour {
        guard case .index(let i) = self else { return self }
        if count >= 256 { return self }
        if count < 8 { return .terminalDefault }
        let basic = i < 16 ? i : Colour.nearestBasic(to: i)
        return .index(count >= 16 ? basic : basic & 7)
    }

    /// Maps a 256-colour index (16–255) to the nearest of the 16 basic colours.
    private static func nearestBasic(to index: UInt8) -> UInt8 {
        let (r, g, b): (Int, Int, Int)
        if index >= 232 {
            let level = Int(index - 232) * 10 + 8
            (r, g, b) = (level, level, level)
        } else {
            let n = Int(index) - 16
            let step = [0, 95, 135, 175, 215, 255]
            (r, g, b) = (step[n / 36], step[(n / 6) % 6], step[n % 6])
        }
        // Greys (and near-greys in the cube) go to the four grey shades.
        if max(r, g, b) - min(r, g, b) < 32 {
            let level = (r + g + b) / 3
            return level < 64 ? 0 : level < 160 ? 8 : level < 224 ? 7 : 15
        }
        let bright = max(r, g, b) > 191
        let threshold = bright ? 160 : 80
        let bits = (r >= threshold ? 1 : 0) | (g >= threshold ? 2 : 0) | (b >= threshold ? 4 : 0)
        if bits == 0 { return 0 }
        return UInt8(bits) + (bright ? 8 : 0)
    }
}
