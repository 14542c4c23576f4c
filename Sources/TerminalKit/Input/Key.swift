/// A key press, independent of how the terminal encoded it.
package enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    case up, down, left, right
    case enter, escape, tab, backTab, backspace, delete
    case pageUp, pageDown, home, end
    /// Control plus a letter, stored lower-case: `.ctrl("c")`.
    case ctrl(Character)
    /// F1…F12.
    case function(Int)

    /// The short name shown in the key bar and help overlay.
    package var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .ctrl(let c): return "^" + String(c).uppercased()
        case .function(let n): return "F\(n)"
        }
    }
}

/// A mouse action at a cell (zero-based, screen coordinates).
package struct MouseEvent: Hashable, Sendable {
    package enum Kind: Hashable, Sendable {
        case click, scrollUp, scrollDown
    }

    package var kind: Kind
    package var x: Int
    package var y: Int

    package init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// What a backend reports: a key, a mouse action, a new terminal size, or
/// a request to quit (SIGINT, SIGTERM, SIGHUP) that the app should honour
/// by leaving its loop so the terminal is restored.
package enum TerminalEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(Size)
    case terminationRequested(signal: Int32)
}
