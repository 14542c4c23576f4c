import ArgumentParser
import DeviceStore
import FlashCore

/// How trace entries are printed, by `trace` and `show`.
enum TraceText {
    /// Each entry as an object; `call` is the algorithm call (or engine step) the access belongs
    /// to, carried from the entry that began it, and `pc`/`instruction` name the emulated
    /// instruction that made it.
    static func json(_ entries: [RenderedTraceEntry]) -> [[String: Any]] {
        var call: String?
        return entries.map { entry in
            if let started = entry.callStarted { call = started }
            var object: [String: Any] = [
                "seq": entry.seq, "access": entry.access, "address": hex(entry.address),
                "register": entry.register ?? entry.region, "value": hex(entry.value), "note": entry.note,
                "changes": entry.changes, "size": entry.size, "timeNs": Int(entry.time),
            ]
            if let call {
                object["call"] = entryPointName(call)
                object["callText"] = call
            }
            if let executed = entry.executedBy {
                object["pc"] = hex(executed.pc)
                object["instruction"] = Int(executed.instruction)
            }
            return object
        }
    }

    /// `kept` is how many the journal holds (the first and last halves of a long operation);
    /// fewer `entries` than that were cut by `--limit`, from the start.
    static func printEntries(
        _ entries: [RenderedTraceEntry], kept: Int, total: Int, to emit: (String) -> Void = { print($0) }
    ) {
        if entries.count < kept {
            let halves = kept < total ? " (of the \(kept) kept: the first and last halves)" : ""
            emit("(\(total) accesses; the first \(entries.count) shown, as --limit asks\(halves))")
        } else if entries.count < total {
            emit("(\(total) accesses; \(entries.count) are kept: the first and last halves)")
        }
        for entry in entries {
            let name = entry.register ?? entry.region
            var line =
                "\(pad(String(entry.seq), 7)) \(entry.access == "read" ? "R" : "W") \(hex(entry.address)) "
                + "\(pad(name, 12)) \(hex(entry.value))"
            if !entry.changes.isEmpty { line += "  " + entry.changes.joined(separator: " ") }
            if !entry.notes.isEmpty { line += "  ; " + entry.note }
            emit(line)
        }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
