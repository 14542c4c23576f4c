import CNcursesW
import Glibc
import TerminalKit

/// The ncurses implementation of `TerminalBackend`.
///
/// Open it only through `withTerminal`, which restores the terminal on
/// every way out. Not Sendable: all curses calls stay on the thread that
/// opened it.
package final class CursesTerminal: TerminalBackend {
    package private(set) var size: Size
    private let palette: CursesPalette
    /// What was read past an ESC that turned out not to start a mouse report: handed out first.
    private var pending: [InputUnit] = []

    /// One thing `wget_wch` returned: a character, or a function-key code.
    private enum InputUnit {
        case character(Int32)
        case code(Int32)
    }

    private init(palette: CursesPalette) {
        self.palette = palette
        size = Self.readSize()
    }

    /// Opens the terminal UI, runs `body`, and restores the terminal however
    /// `body` ends (return, throw, or a quit signal turned into an event).
    ///
    /// - Parameters:
    ///   - theme: the theme to use; `NO_COLOR` or `TERM=dumb` in
    ///     `environment` replace it with `Theme.monochrome` (`NO_COLOR` not when `explicitTheme`).
    ///   - explicitTheme: the theme was asked for on the command line.
    ///   - environment: usually `ProcessInfo.processInfo.environment`.
    /// - Throws: `TerminalError` when standard input or output is not a
    ///   terminal or curses cannot use TERM, and whatever `body` throws.
    package static func withTerminal<T>(
        theme: Theme, explicitTheme: Bool = false, environment: [String: String],
        _ body: (CursesTerminal) throws -> T
    ) throws -> T {
        guard isatty(STDIN_FILENO) == 1 else { throw TerminalError.notATerminal(stream: "standard input") }
        guard isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal(stream: "standard output") }
        guard !isOpen.exchange(true) else { throw TerminalError.alreadyOpen }
        defer { isOpen.store(false) }

        setlocale(LC_ALL, "")
        SignalGuard.install()
        defer { SignalGuard.uninstall() }
        // Duplicated descriptors, so closing the streams later leaves 0 and 1 open.
        guard let output = fdopen(dup(STDOUT_FILENO), "w"), let input = fdopen(dup(STDIN_FILENO), "r") else {
            throw TerminalError.unusableTerminal(term: environment["TERM"] ?? "")
        }
        defer {
            fclose(output)
            fclose(input)
        }
        // newterm, unlike initscr, returns nil for an unusable TERM instead of exiting.
        guard let screen = newterm(nil, output, input) else {
            throw TerminalError.unusableTerminal(term: environment["TERM"] ?? "")
        }
        defer {
            endwin()
            delscreen(screen)
        }
        // newterm accepts a TERM that cannot move the cursor (TERM=dumb), on which nothing would draw.
        guard canAddressCursor else { throw TerminalError.unusableTerminal(term: environment["TERM"] ?? "") }
        configureInput()
        // SGR reports, so a click past column 223 arrives; curses decodes them itself only when the
        // terminfo entry's kmous says so (xterm-256color does, screen and tmux do not).
        fputs(SGRMouse.enable, output)
        fflush(output)
        defer {
            fputs(SGRMouse.disable, output)
            fflush(output)
        }
        let terminal = CursesTerminal(
            palette: CursesPalette(
                theme: ColourPolicy.effectiveTheme(theme, explicit: explicitTheme, environment: environment)))
        return try body(terminal)
    }

    private static let isOpen = OpenFlag()

    /// Whether the terminal newterm set up has cursor addressing (terminfo `cup`): absent is nil,
    /// and a name that is not a string capability is (char *)-1.
    private static var canAddressCursor: Bool {
        guard let cup = tigetstr("cup") else { return false }
        return Int(bitPattern: cup) != -1
    }

    private static func configureInput() {
        cbreak()
        noecho()
        nonl()
        keypad(fs_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        // Presses, not clicks: with click resolution off (interval 0) there is
        // no wait after a press, and a press is what the user means.
        let mask = fs_mouse_button1_pressed() | fs_mouse_button4_pressed() | fs_mouse_button5_pressed()
        mousemask(mask, nil)
        mouseinterval(0)
    }

    private static func readSize() -> Size {
        var rows: Int32 = 0
        var columns: Int32 = 0
        fs_getmaxyx(fs_stdscr(), &rows, &columns)
        return Size(width: Int(columns), height: Int(rows))
    }

    package func draw(_ changes: [CellChange]) throws {
        for run in TextRun.runs(of: changes) {
            let style = palette.attributes(for: run.role)
            fs_set_attr(style.attributes, style.pair)
            // Writing the bottom-right cell reports ERR although it is drawn.
            _ = fs_add_string(Int32(run.y), Int32(run.x), run.text)
        }
        fs_set_attr(fs_attr_normal(), 0)
    }

    package func flush() throws {
        wrefresh(fs_stdscr())
    }

    package func nextEvent(timeoutMilliseconds: Int?) -> TerminalEvent? {
        // Wait in slices so a quit signal is seen even when the caller waits for ever.
        var remaining = timeoutMilliseconds
        while true {
            if let signal = SignalGuard.takePendingSignal() { return .terminationRequested(signal: signal) }
            let slice = min(remaining ?? 100, 100)
            switch read(timeoutMilliseconds: slice) {
            case .code(let value):
                if let event = event(forCode: value) { return event }
            case .character(27):
                if let event = escapeOrMouse() { return event }
            case .character(let value):
                if let key = CursesKeys.key(forCharacter: value) { return .key(key) }
            case nil:
                if let left = remaining {
                    remaining = left - slice
                    if left - slice <= 0 {
                        return SignalGuard.takePendingSignal().map { .terminationRequested(signal: $0) }
                    }
                }
            }
        }
    }

    private func read(timeoutMilliseconds: Int) -> InputUnit? {
        if !pending.isEmpty { return pending.removeFirst() }
        wtimeout(fs_stdscr(), Int32(max(timeoutMilliseconds, 0)))
        var value: Int32 = 0
        let result = fs_get_wch(&value)
        if result == KEY_CODE_YES { return .code(value) }
        return result == OK ? .character(value) : nil
    }

    /// After an ESC curses did not make a key of: an SGR mouse report (nil when it is one the UI
    /// does not use), or the Escape key with what followed it kept for the next reads.
    private func escapeOrMouse() -> TerminalEvent? {
        var scalars: [Unicode.Scalar] = ["\u{1B}"]
        var units: [InputUnit] = []
        while true {
            switch SGRMouse.decode(scalars) {
            case .report(let event, _):
                return event.map { .mouse($0) }
            case .notMouse:
                pending = units + pending
                return .key(.escape)
            case .incomplete:
                // A report arrives in one write; the rest of it is there at once or not at all.
                guard let unit = read(timeoutMilliseconds: 25) else {
                    pending = units + pending
                    return .key(.escape)
                }
                units.append(unit)
                guard case .character(let value) = unit, let scalar = Unicode.Scalar(UInt32(bitPattern: value)) else {
                    pending = units + pending
                    return .key(.escape)
                }
                scalars.append(scalar)
            }
        }
    }

    private func event(forCode code: Int32) -> TerminalEvent? {
        switch code {
        case KEY_RESIZE:
            size = Self.readSize()
            return .resize(size)
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            let x = Int(event.x)
            let y = Int(event.y)
            if event.bstate & fs_mouse_button4_pressed() != 0 { return .mouse(MouseEvent(.scrollUp, x: x, y: y)) }
            if event.bstate & fs_mouse_button5_pressed() != 0 { return .mouse(MouseEvent(.scrollDown, x: x, y: y)) }
            if event.bstate & fs_mouse_button1_pressed() != 0 { return .mouse(MouseEvent(.click, x: x, y: y)) }
            return nil
        default:
            return CursesKeys.key(forCode: code).map { .key($0) }
        }
    }
}
