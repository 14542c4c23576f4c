import Glibc
import Synchronization

/// Signal handling for the life of a curses session.
///
/// SIGINT, SIGTERM and SIGHUP only set a flag that `nextEvent` turns into
/// `.terminationRequested`, so `endwin` never runs in the middle of a draw.
/// A second one while the first is still unhandled restores the terminal
/// and exits at once. Crash signals (how Swift traps arrive) restore the
/// terminal and then pass the signal on to whoever handled it before us.
/// Handlers only use async-signal-safe calls: tcsetattr, write, sigaction,
/// raise, _exit.
enum SignalGuard {
    static let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let crashSignals: [Int32] = [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]

    /// Installs the handlers and remembers the terminal's settings.
    /// Must run before `newterm`, so ncurses sees our SIGINT/SIGTERM
    /// handlers and does not install its own (which would exit).
    static func install() {
        pendingSignal.store(0, ordering: .relaxed)
        var attributes = termios()
        if tcgetattr(STDIN_FILENO, &attributes) == 0 {
            savedState.termios = attributes
            savedState.hasTermios = true
        }
        for signal in quitSignals { savedState.previous[Int(signal)] = replace(signal, with: onQuitSignal) }
        for signal in crashSignals { savedState.previous[Int(signal)] = replace(signal, with: onCrashSignal) }
        unblockInteractiveSignals()
    }

    /// A parent may start us with signals blocked (test runners' threads do), and a blocked
    /// SIGWINCH or SIGTERM would leave the UI deaf to resizes and quits: unblock them.
    private static func unblockInteractiveSignals() {
        var wanted = sigset_t()
        sigemptyset(&wanted)
        for signal in quitSignals + [SIGWINCH] { sigaddset(&wanted, signal) }
        pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
    }

    /// Puts the previous handlers back (after `endwin`).
    static func uninstall() {
        for signal in quitSignals + crashSignals {
            if var old = savedState.previous[Int(signal)] { sigaction(signal, &old, nil) }
            savedState.previous[Int(signal)] = nil
        }
        savedState.hasTermios = false
    }

    /// The quit signal received since the last call, if any.
    static func takePendingSignal() -> Int32? {
        let signal = pendingSignal.exchange(0, ordering: .relaxed)
        return signal == 0 ? nil : signal
    }

    private static func replace(_ signal: Int32, with handler: @convention(c) (Int32) -> Void) -> sigaction {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        var previous = sigaction()
        sigaction(signal, &action, &previous)
        return previous
    }
}

/// Set by the quit handler, read by the event loop.
private let pendingSignal = Atomic<Int32>(0)

/// What the handlers need, written before they are installed and only read
/// while they are; a signal handler cannot take locks.
private struct SavedState {
    var termios = Glibc.termios()
    var hasTermios = false
    /// Indexed by signal number; preallocated so handlers never allocate.
    var previous: [sigaction?] = Array(repeating: nil, count: 32)
}

nonisolated(unsafe) private var savedState = SavedState()

/// Leave the alternate screen, stop mouse reporting, reset attributes, show the cursor.
private let resetSequence: [UInt8] = Array("\u{1B}[?1000l\u{1B}[?1006l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n".utf8)

/// Restores the terminal without curses, from inside a signal handler.
private func emergencyRestore() {
    if savedState.hasTermios {
        var attributes = savedState.termios
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &attributes)
    }
    resetSequence.withUnsafeBytes { bytes in
        _ = write(STDOUT_FILENO, bytes.baseAddress, bytes.count)
    }
}

private func onQuitSignal(_ signal: Int32) {
    if pendingSignal.exchange(signal, ordering: .relaxed) != 0 {
        emergencyRestore()
        _exit(128 + signal)
    }
}

private func onCrashSignal(_ signal: Int32) {
    emergencyRestore()
    if var previous = savedState.previous[Int(signal)] {
        sigaction(signal, &previous, nil)
    } else {
        Glibc.signal(signal, SIG_DFL)
    }
    raise(signal)
}
