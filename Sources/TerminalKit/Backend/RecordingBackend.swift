/// A backend without a terminal, for tests: it keeps the screen it would
/// show, records each flushed frame and plays back queued events.
package struct RecordingBackend: TerminalBackend, Sendable {
    package private(set) var size: Size
    /// What a terminal would show now.
    package private(set) var screen: ScreenBuffer
    /// The screen at every flush, oldest first.
    package private(set) var frames: [ScreenBuffer] = []
    /// How many cells each `draw` call wrote.
    package private(set) var writes: [Int] = []
    package var pendingEvents: [TerminalEvent]

    package init(size: Size, events: [TerminalEvent] = []) {
        self.size = size
        screen = ScreenBuffer(size: size)
        pendingEvents = events
    }

    package mutating func draw(_ changes: [CellChange]) throws {
        screen.apply(changes)
        writes.append(changes.count)
    }

    package mutating func flush() throws {
        frames.append(screen)
    }

    /// Pops the next queued event; a resize event also changes the size,
    /// as a real terminal would have.
    package mutating func nextEvent(timeoutMilliseconds: Int?) -> TerminalEvent? {
        guard !pendingEvents.isEmpty else { return nil }
        let event = pendingEvents.removeFirst()
        if case .resize(let newSize) = event {
            size = newSize
            screen.resize(to: newSize)
        }
        return event
    }
}
