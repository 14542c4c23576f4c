#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM ask the server to stop: the handler only sets a flag the loop checks
/// (poll returns EINTR), so the device is saved by ordinary code, not in a signal handler.
package enum StopSignals {
    nonisolated(unsafe) private static var requested: sig_atomic_t = 0

    package static func install() {
        let handler: @convention(c) (Int32) -> Void = { _ in StopSignals.requested = 1 }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        // A parent may have started us with them blocked (posix_spawn keeps the mask): unblock them.
        var stopping = sigset_t()
        sigemptyset(&stopping)
        sigaddset(&stopping, SIGINT)
        sigaddset(&stopping, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &stopping, nil)
    }

    package static var stopRequested: Bool { requested != 0 }
}
