/// Draws frames through a backend, sending only the cells that changed
/// since the previous frame (ratatui's `Terminal::draw`).
public struct Terminal<Backend: TerminalBackend> {
    public private(set) var backend: Backend
    /// What the backend is known to show.
    public private(set) var current: ScreenBuffer

    public init(backend: Backend) {
        self.backend = backend
        // An empty buffer differs in size from any real screen, so the
        // first frame is written in full.
        current = ScreenBuffer(size: .zero)
    }

    /// Renders one frame at the backend's current size and writes the difference.
    ///
    /// - Returns: the number of cells written.
    @discardableResult
    public mutating func draw(_ render: (inout ScreenBuffer) -> Void) throws -> Int {
        var next = ScreenBuffer(size: backend.size)
        render(&next)
        let changes = next.diff(from: current)
        if !changes.isEmpty { try backend.draw(changes) }
        try backend.flush()
        current = next
        return changes.count
    }

    /// Forgets what is on screen, so the next frame is written in full
    /// (after the terminal was cleared behind our back, or on ^L).
    public mutating func invalidate() {
        current = ScreenBuffer(size: .zero)
    }

    /// The backend's next event; a resize also invalidates the screen.
    public mutating func nextEvent(timeoutMilliseconds: Int?) -> TerminalEvent? {
        let event = backend.nextEvent(timeoutMilliseconds: timeoutMilliseconds)
        if case .resize = event { invalidate() }
        return event
    }
}
