import Testing

@testable import TerminalKit

/// The frame loop against the recording backend: only changes are written,
/// and a resize repaints everything.
@Suite struct TerminalTests {
    @Test func firstFrameIsFullThenOnlyChanges() throws {
        var terminal = Terminal(backend: RecordingBackend(size: Size(width: 10, height: 3)))
        try terminal.draw { $0.write("hello", atX: 0, y: 0) }
        try terminal.draw { $0.write("hello", atX: 0, y: 0) }
        try terminal.draw { $0.write("help", atX: 0, y: 0) }
        #expect(terminal.backend.writes == [30, 2])
        #expect(terminal.backend.frames.count == 3)
        #expect(terminal.backend.screen.lines == ["help      ", "          ", "          "])
    }

    @Test func resizeRepaintsTheWholeScreen() throws {
        let events: [TerminalEvent] = [.key(.char("x")), .resize(Size(width: 4, height: 2))]
        var terminal = Terminal(backend: RecordingBackend(size: Size(width: 6, height: 2), events: events))
        try terminal.draw { $0.write("abc", atX: 0, y: 0) }
        #expect(terminal.nextEvent(timeoutMilliseconds: 0) == .key(.char("x")))
        #expect(terminal.nextEvent(timeoutMilliseconds: 0) == .resize(Size(width: 4, height: 2)))
        #expect(terminal.nextEvent(timeoutMilliseconds: 0) == nil)
        try terminal.draw { $0.write("abc", atX: 0, y: 0) }
        #expect(terminal.backend.writes == [12, 8])
        #expect(terminal.backend.screen.lines == ["abc ", "    "])
    }

    @Test func invalidateForcesAFullFrame() throws {
        var terminal = Terminal(backend: RecordingBackend(size: Size(width: 3, height: 1)))
        try terminal.draw { _ in }
        terminal.invalidate()
        try terminal.draw { _ in }
        #expect(terminal.backend.writes == [3, 3])
    }

    @Test func tooSmallScreenIsOneWidget() throws {
        var terminal = Terminal(backend: RecordingBackend(size: Size(width: 30, height: 3)))
        let needed = Size(width: 80, height: 24)
        try terminal.draw { buffer in
            if !buffer.size.covers(needed) { TooSmallWidget(required: needed).render(in: buffer.area, into: &buffer) }
        }
        #expect(
            terminal.backend.screen.lines == [
                "      terminal too small      ", "    need 80x24, have 30x3     ", String(repeating: " ", count: 30),
            ])
    }
}
