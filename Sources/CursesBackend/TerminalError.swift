/// Why the terminal UI could not start; each says to use the command line.
package enum TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (piped, or run by a script).
    case notATerminal(stream: String)
    /// curses could not set up this TERM (unset, unknown or unusable).
    case unusableTerminal(term: String)
    /// A second terminal session was asked for while one is open.
    case alreadyOpen

    package var description: String {
        switch self {
        case .notATerminal(let stream):
            return "\(stream) is not a terminal; use the command line instead (flashscope --help)"
        case .unusableTerminal(let term):
            return "cannot start the terminal UI with TERM=\(term.isEmpty ? "(unset)" : term); "
                + "use the command line instead (flashscope --help)"
        case .alreadyOpen:
            return "the terminal UI is already open"
        }
    }
}
