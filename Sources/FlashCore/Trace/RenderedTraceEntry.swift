/// A trace entry in words: what the trace command prints and the device file keeps.
package struct RenderedTraceEntry: Codable, Equatable, Sendable {
    package var seq: Int
    package var access: String
    package var address: UInt32
    package var size: Int
    package var region: String
    /// Register name, or nil for memory.
    package var register: String?
    package var value: UInt32
    /// Fields a register write changed, e.g. `PER=1`, `PNB=5 (was 0)`.
    package var changes: [String]
    package var notes: [String]
    /// Virtual time in nanoseconds.
    package var time: UInt64

    package init(
        seq: Int, access: String, address: UInt32, size: Int, region: String, register: String?,
        value: UInt32, changes: [String], notes: [String], time: UInt64
    ) {
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
    package var note: String { notes.joined(separator: "; ") }
}

extension Machine {
    /// Puts a trace entry in words, naming registers and the fields a write changed.
    package func render(_ entry: TraceEntry) -> RenderedTraceEntry {
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
    package func renderedTrace(limit: Int = TraceRecorder.savedLimit) -> [RenderedTraceEntry] {
        trace.entries(limit: limit).map(render)
    }
}

extension RenderedTraceEntry {
    /// The emulated instruction that made the access, read back from its `.executed` note.
    package var executedBy: (pc: UInt32, instruction: UInt64)? {
        for note in notes {
            guard let parsed = TraceNote.parseExecuted(note) else { continue }
            return parsed
        }
        return nil
    }

    /// The algorithm call or engine step this access begins (`EraseSector(0x08000800)`), from its `.call` note.
    package var callStarted: String? {
        notes.lazy.compactMap(TraceNote.parseCall).first
    }
}

extension TraceNote {
    private static let executedPrefix = "by the instruction at "
    private static let callPrefix = "call "

    /// The inverse of `.executed`'s text: `by the instruction at 0x200000F4 (#75)`.
    static func parseExecuted(_ text: String) -> (pc: UInt32, instruction: UInt64)? {
        guard text.hasPrefix(executedPrefix) else { return nil }
        let rest = text.dropFirst(executedPrefix.count)
        let parts = rest.split(separator: " ")
        guard parts.count == 2, parts[0].hasPrefix("0x"), let pc = UInt32(parts[0].dropFirst(2), radix: 16),
            parts[1].hasPrefix("(#"), parts[1].hasSuffix(")"),
            let count = UInt64(parts[1].dropFirst(2).dropLast())
        else { return nil }
        return (pc, count)
    }

    /// The inverse of `.call`'s text: `call EraseSector(0x08000800)`.
    static func parseCall(_ text: String) -> String? {
        text.hasPrefix(callPrefix) ? String(text.dropFirst(callPrefix.count)) : nil
    }
}

/// The entry point's name without its arguments: `EraseSector` for `EraseSector(0x08000800)`.
package func entryPointName(_ call: String) -> String {
    String(call.prefix { $0 != "(" })
}
