/// Re-runs a recorded operation one bus access at a time, from the state before it.
///
/// The model is deterministic, so re-issuing the same accesses at the same
/// virtual times reproduces every intermediate state exactly; stepping back
/// is a replay to one access fewer (operations are short enough that no
/// checkpoints are needed).
package final class TraceReplayer {
    package let before: DeviceState
    package let entries: [TraceEntry]
    /// The machine after `position` accesses.
    package private(set) var machine: Machine
    /// How many entries have been replayed.
    package private(set) var position = 0

    /// - Parameters:
    ///   - before: the device state the operation started from.
    ///   - entries: the operation's complete trace (`Machine.trace.entries` with nothing dropped).
    package init(before: DeviceState, entries: [TraceEntry]) {
        self.before = before
        self.entries = entries
        machine = Self.fresh(before)
    }

    package var isFinished: Bool { position >= entries.count }

    /// The entry replayed last, if any.
    package var current: TraceEntry? { position > 0 ? entries[position - 1] : nil }

    /// Replays the next access; false when there is none.
    @discardableResult
    package func step() -> Bool {
        guard position < entries.count else { return false }
        apply(entries[position])
        position += 1
        return true
    }

    /// Moves to exactly `target` accesses replayed (clamped), replaying from the start when going back.
    package func seek(to target: Int) {
        let goal = max(0, min(target, entries.count))
        if goal < position {
            machine = Self.fresh(before)
            position = 0
        }
        while position < goal { step() }
    }

    package func stepBack() { seek(to: position - 1) }

    package func finish() { seek(to: entries.count) }

    private static func fresh(_ state: DeviceState) -> Machine {
        Machine(state: state, tracing: false)
    }

    private func apply(_ entry: TraceEntry) {
        // Waiting on a busy flag shows up only as a later time stamp: catching the
        // clock up to it lets the controller finish what it was doing, as it did then.
        machine.clock.advance(to: entry.time)
        switch entry.access {
        case .read: machine.bus.read(entry.address, size: entry.size)
        case .write: machine.bus.write(entry.address, entry.value, size: entry.size)
        }
    }
}
