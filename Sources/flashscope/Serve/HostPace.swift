import Attach
import DebugServer
import FlashCore

/// How the served chip's time passes (`--clock`). The model's clock is virtual: it moves with
/// TCK edges, gdb requests and the emulated core's instructions. A real chip's flash does not wait
/// for the debugger: a page erase is done 22 ms after STRT however seldom the client looks.
enum ServeClock: String, CaseIterable, Sendable {
    /// Virtual time never falls behind the host's clock since the chip was loaded.
    case host
    /// Only the wire, requests and instructions move it: a run repeats exactly.
    case wire
}

/// Keeps a virtual clock from falling behind the host's monotonic clock: before each thing a
/// client's session does, the time elapsed on the host since the start is made up, if the
/// model's own accounting (wire and instructions) is behind. It never moves the clock back.
final class HostPace {
    private let clock: VirtualClock
    private let hostStart = monotonicNanoseconds()
    private let virtualStart: UInt64

    init(_ clock: VirtualClock) {
        self.clock = clock
        virtualStart = clock.now
    }

    func catchUp() { clock.advance(to: virtualStart + (monotonicNanoseconds() &- hostStart)) }
}

/// A client's session on a chip whose time follows the host: the clock catches up before each
/// batch the client sends and each slice of work between.
final class PacedSession: ClientSession {
    private let inner: any ClientSession
    private let pace: HostPace

    init(_ inner: any ClientSession, pace: HostPace) {
        self.inner = inner
        self.pace = pace
    }

    func received(_ bytes: ArraySlice<UInt8>) -> (reply: [UInt8], close: String?) {
        pace.catchUp()
        return inner.received(bytes)
    }

    func idle() -> Bool {
        pace.catchUp()
        return inner.idle()
    }

    func takeOutput() -> [UInt8] { inner.takeOutput() }

    var idleWaitMilliseconds: Int32 { inner.idleWaitMilliseconds }

    func ended(_ reason: String) { inner.ended(reason) }
}
