/// A trace entry in words: what the trace command prints and the device file keeps.
public struct RenderedTraceEntry: Codable, Equatable, Sendable {
    public var seq: Int
    public var access: String
    public var address: UInt32
    public var size: Int
    public var region: String
    /// Register name, or nil for memory.
    public var register: String?
    public var value: UInt32
    /// Fields a register write changed, e.g. `PER=1`, `PNB=5 (was 0)`.
    public var changes: [String]
    public var notes: [String]
    /// Virtual time in nanoseconds.
    public var time: UInt64

    public init(seq: Int, access: String, address: UInt32, size: Int, region: String, register: String?,
                value: UInt32, changes: [String], notes: [String], time: UInt64) {
        self.seq = seq
        self.access = access
        self.address = address
        self.size = size
        self.region = region
        self.register = register
        self.value = value
        self.changes = changes
        self.notes = notes
        self.time = time
    }

    /// The notes as one line (empty when there are none).
    public var note: String { notes.joined(separator: "; ") }
}

extension Machine {
    /// Puts a trace entry in words, naming registers and the fields a write changed.
    public func render(_ entry: TraceEntry) -> RenderedTraceEntry {
        let (region, spec) = describe(entry.address)
        var changes: [String] = []
        if entry.access == .write, let spec {
            changes = spec.changedFields(from: entry.before, to: spec.applyingWrite(entry.value, to: entry.before))
        }
        return RenderedTraceEntry(
            seq: entry.seq, access: entry.access.rawValue, address: entry.address, size: entry.size.rawValue,
            region: region, register: spec?.name, value: entry.value, changes: changes,
            notes: entry.notes.map(\.text), time: entry.time)
    }

    /// The kept trace in words, at most `limit` entries (the first and last halves when there are more).
    public func renderedTrace(limit: Int = TraceRecorder.savedLimit) -> [RenderedTraceEntry] {
        trace.entries(limit: limit).map(render)
    }
}
