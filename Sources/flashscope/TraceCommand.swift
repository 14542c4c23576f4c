import ArgumentParser
import DeviceStore
import FlashCore

struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Print every bus access of the last operation, decoded.")

    @OptionGroup var options: DeviceOptions

    @Option(help: "Print at most this many accesses.")
    var limit: Int?

    func run() throws {
        try reportingFailures {
            guard let operation = try options.openStore().lastOperation() else {
                throw CommandFailure("no operation has run on this device yet", status: ExitStatus.usage)
            }
            var entries = operation.record.trace
            if let limit { entries = Array(entries.prefix(max(0, limit))) }
            if options.json {
                JSONOutput.print(entries.map { entry -> [String: Any] in
                    ["seq": entry.seq, "access": entry.access, "address": hex(entry.address),
                     "register": entry.register ?? entry.region, "value": hex(entry.value), "note": entry.note,
                     "changes": entry.changes, "size": entry.size, "timeNs": Int(entry.time)]
                })
                return
            }
            print("operation \(operation.id): \(operation.record.command) — \(operation.record.summary)")
            let kept = operation.record.trace.count
            if kept < operation.record.traceTotal {
                print("(\(operation.record.traceTotal) accesses; the first and last \(kept / 2) are kept)")
            }
            for entry in entries {
                let name = entry.register ?? entry.region
                var line = "\(pad(String(entry.seq), 7)) \(entry.access == "read" ? "R" : "W") \(hex(entry.address)) "
                    + "\(pad(name, 12)) \(hex(entry.value))"
                if !entry.changes.isEmpty { line += "  " + entry.changes.joined(separator: " ") }
                if !entry.notes.isEmpty { line += "  ; " + entry.note }
                print(line)
            }
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
