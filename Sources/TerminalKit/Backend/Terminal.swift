/// Draws frames through a backend, sending only the cells that changed
/// since the previous frame (ratatui's `Terminal::draw`).
package struct Terminal<Backend: TerminalBackend> {
    package private(set) var backend: Backend
    /// What the backend is known to show.
    package private(set) var current: ScreenBuffer

    package init(backend: Backend) {
        self.backend = backend
        // An empty buffer differs in size from any real screen, so the
        // first frame is written in full.
        current = ScreenBuffer(size: .zero)
    }

    /// Renders one frame at the backend's current size and writes the difference.
    ///
    /// - Returns: the number of cells written.
    @discardableResult
    package mutating func draw(_ render: (inout ScreenBuffer) -> Void) throws -> Int {
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
    package mutating func invalidate() {
        current = ScreenBuffer(size: .zero)
    }

    /// The backend's next event; a resize also invalidates the screen.
    package mutating func nextEvent(timeoutMilliseconds: Int?) -> TerminalEvent? {
        let event = backend.nextEvent(timeoutMilliseconds: timeoutMilliseconds)
        if case .resize = event { invalidate() }
        return event
    }
}
