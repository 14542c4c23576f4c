/// The narrow seam between the pure UI and a real terminal (ratatui's
/// `Backend`): size, writing changed cells, and reading events.
package protocol TerminalBackend {
    /// The current terminal size in cells.
    var size: Size { get }

    /// Writes these cells; they may stay buffered until `flush`.
    mutating func draw(_ changes: [CellChange]) throws

    /// Makes everything drawn so far visible.
    mutating func flush() throws

    /// Waits up to `timeout` milliseconds (nil: for ever) for the next event;
    /// nil when none arrived in time.
    mutating func nextEvent(timeoutMilliseconds: Int?) -> TerminalEvent?
}
