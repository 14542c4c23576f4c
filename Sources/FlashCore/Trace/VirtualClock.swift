/// Simulated time in nanoseconds. Nothing in FlashCore reads the host clock.
package final class VirtualClock {
    package private(set) var now: UInt64 = 0
    private var events: [UInt64] = []

    package init() {}

    /// Tells the clock that a device changes state at `time`, so a waiting core can skip to it.
    package func schedule(at time: UInt64) {
        if time > now { events.append(time) }
    }

    /// Moves to the earliest scheduled event after now; returns the time waited.
    @discardableResult
    package func advanceToNextEvent() -> UInt64 {
        events.removeAll { $0 <= now }
        guard let next = events.min() else { return 0 }
        let waited = next - now
        now = next
        events.removeAll { $0 <= now }
        return waited
    }

    package func advance(by nanoseconds: UInt64) {
        now += nanoseconds
    }

    /// Moves to `time` if it is later; the clock never goes back.
    package func advance(to time: UInt64) {
        if time > now { now = time }
    }
}
