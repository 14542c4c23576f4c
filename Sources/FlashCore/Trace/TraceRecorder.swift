/// One bus access as the trace keeps it.
package struct TraceEntry: Sendable, Equatable {
    package enum Access: String, Sendable { case read, write }

    /// Position in the whole operation, counting accesses that a bounded trace dropped.
    package var seq: Int
    package var access: Access
    package var size: AccessSize
    package var address: UInt32
    /// The value read or written.
    package var value: UInt32
    /// For register writes, the register's value before the write.
    package var before: UInt32
    /// Virtual time of the access, in nanoseconds.
    package var time: UInt64
    package var notes: [TraceNote]
}

/// Records every bus access of an operation, cheaply.
///
/// Entries are kept in full up to `limit`; beyond it the first and last
/// `limit / 2` are kept and the rest only counted, so large operations stay fast.
package final class TraceRecorder {
    private struct Compact {
        var seq: Int
        var time: UInt64
        var address: UInt32
        var value: UInt32
        var before: UInt32
        var noteStart: Int32
        var noteCount: UInt16
        var isWrite: Bool
        var size: AccessSize
        /// The emulated instruction that made the access (0: not made by an emulated core).
        var pc: UInt32
        var instruction: UInt64
        /// `DebuggerPath` raw value of a served client's access (0: none).
        var path: UInt8
    }

    /// How many entries of one operation a device file keeps (the first and last halves).
    /// A machine that only saves its trace need record no more.
    package static let savedLimit = 20_000

    package var isEnabled: Bool
    package let limit: Int
    package private(set) var count = 0
    package private(set) var reads = 0
    package private(set) var writes = 0
    package private(set) var faults = 0

    // Fixed-size storage, allocated once: every access lands here, so no array checks on the way.
    private let head: UnsafeMutablePointer<Compact>
    private let tail: UnsafeMutablePointer<Compact>
    private var headCount = 0
    private var tailCount = 0
    private var tailStart = 0
    private var notes: [TraceNote] = []
    /// Notes from here on wait for the next recorded access.
    private var pendingStart = 0
    /// Compact again only once the notes have doubled, so dense notes cannot make it quadratic.
    private var nextCompaction: Int
    private var pc: UInt32 = 0
    private var instruction: UInt64 = 0
    private var pathCode: UInt8 = 0

    /// The path a served client's accesses arrive by, named on each one it makes (the core's carry their PC).
    package var debuggerPath: DebuggerPath? {
        get { DebuggerPath(rawValue: pathCode) }
        set { pathCode = newValue?.rawValue ?? 0 }
    }

    private let headCapacity: Int
    private let tailCapacity: Int

    package init(enabled: Bool = true, limit: Int = 200_000) {
        isEnabled = enabled
        self.limit = max(limit, 2)
        headCapacity = self.limit / 2
        tailCapacity = self.limit - headCapacity
        nextCompaction = max(limit, 2)
        head = .allocate(capacity: headCapacity)
        tail = .allocate(capacity: tailCapacity)
    }

    deinit {
        head.deallocate()
        tail.deallocate()
    }

    /// Names the emulated instruction making the accesses that follow (two stores: this is
    /// on the emulator's hot path); it shows as an `.executed` note on each of them.
    package func attribute(pc: UInt32, instruction: UInt64) {
        self.pc = pc
        self.instruction = instruction
    }

    /// Accesses that follow are not made by an emulated core.
    package func clearAttribution() {
        pc = 0
    }

    /// Attaches a note to the next recorded access.
    package func note(_ note: TraceNote) {
        guard isEnabled else { return }
        notes.append(note)
    }

    /// Counts an access and keeps it if there is room (or in the ring of the latest ones).
    func record(
        _ access: TraceEntry.Access, address: UInt32, size: AccessSize, value: UInt32, before: UInt32,
        at time: UInt64
    ) {
        count += 1
        if access == .read { reads += 1 } else { writes += 1 }
        guard isEnabled else { return }
        var entry = Compact(
            seq: count, time: time, address: address, value: value, before: before,
            noteStart: Int32(truncatingIfNeeded: pendingStart), noteCount: 0, isWrite: access == .write, size: size,
            pc: pc, instruction: instruction, path: pc == 0 ? pathCode : 0)
        if notes.count > pendingStart {
            entry.noteCount = UInt16(truncatingIfNeeded: notes.count - pendingStart)
            pendingStart = notes.count
        }
        if headCount < headCapacity {
            (head + headCount).initialize(to: entry)
            headCount += 1
        } else if tailCount < tailCapacity {
            (tail + tailCount).initialize(to: entry)
            tailCount += 1
        } else {
            tail[tailStart] = entry
            tailStart += 1
            if tailStart == tailCapacity { tailStart = 0 }
            if notes.count > nextCompaction { compactNotes() }
        }
    }

    /// An access the bus refused: recorded with a note saying why.
    func record(
        _ access: TraceEntry.Access, address: UInt32, size: AccessSize, value: UInt32, before: UInt32,
        fault: BusFault, at time: UInt64
    ) {
        faults += 1
        note(.busFault(fault))
        record(access, address: address, size: size, value: value, before: before, at: time)
    }

    /// Drops the notes of entries the ring has overwritten, so a bounded trace stays bounded.
    /// In place: kept notes keep their order (head, then the ring from its oldest slot), each moves
    /// only towards the front, and the array keeps its capacity, so no large buffer is made again.
    private func compactNotes() {
        var kept = 0
        func move(_ entry: inout Compact) {
            let start = Int(entry.noteStart)
            entry.noteStart = Int32(truncatingIfNeeded: kept)
            for index in start..<start + Int(entry.noteCount) {
                if index != kept { notes.swapAt(index, kept) }
                kept += 1
            }
        }
        for index in 0..<headCount { move(&head[index]) }
        for offset in 0..<tailCount { move(&tail[(tailStart + offset) % tailCount]) }
        notes.removeSubrange(kept...)
        pendingStart = kept
        nextCompaction = max(limit, kept * 2)
    }

    /// Starts a new trace, as a long-lived machine does after saving one operation.
    package func clear() {
        count = 0
        reads = 0
        writes = 0
        faults = 0
        headCount = 0
        tailCount = 0
        tailStart = 0
        notes.removeAll(keepingCapacity: true)
        pendingStart = 0
        nextCompaction = max(limit, 2)
    }

    /// How many accesses were counted but not kept.
    package var dropped: Int { isEnabled ? count - headCount - tailCount : count }

    /// The notes of the kept entries, in order.
    package var allNotes: [TraceNote] { entries.flatMap(\.notes) }

    /// The kept entries, in order.
    package var entries: [TraceEntry] { entries(limit: Int.max) }

    /// At most `limit` kept entries: all of them, or the first and last halves, without
    /// materializing the rest (a bounded trace keeps far more than is ever rendered).
    package func entries(limit: Int) -> [TraceEntry] {
        let kept = headCount + tailCount
        let firstCount = kept > limit ? limit / 2 : kept
        let lastCount = kept > limit ? limit - firstCount : 0
        var result: [TraceEntry] = []
        result.reserveCapacity(firstCount + lastCount)
        for position in 0..<firstCount { result.append(expand(compact(at: position))) }
        for position in kept - lastCount..<kept { result.append(expand(compact(at: position))) }
        return result
    }

    /// The kept entry at a position in order: the head, then the ring from its oldest slot.
    private func compact(at position: Int) -> Compact {
        if position < headCount { return head[position] }
        return tail[(tailStart + position - headCount) % tailCount]
    }

    private func expand(_ compact: Compact) -> TraceEntry {
        let start = Int(compact.noteStart)
        var entryNotes = Array(notes[start..<start + Int(compact.noteCount)])
        if compact.pc != 0 { entryNotes.append(.executed(pc: compact.pc, instruction: compact.instruction)) }
        if let path = DebuggerPath(rawValue: compact.path) { entryNotes.append(.from(path)) }
        return TraceEntry(
            seq: compact.seq, access: compact.isWrite ? .write : .read, size: compact.size,
            address: compact.address, value: compact.value, before: compact.before, time: compact.time,
            notes: entryNotes)
    }
}
