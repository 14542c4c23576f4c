import ArgumentParser
import DeviceStore
import FlashCore

struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Print every bus access of the last operation, decoded.")

    @OptionGroup var options: DeviceOptions

    @Option(help: "Print only the first N accesses (of those kept).")
    var limit: Int?

    func run() throws {
        guard let operation = try options.openStore(.read).lastOperation() else {
            throw CommandFailure("no operation has run on this device yet", status: ExitStatus.usage)
        }
        var entries = operation.record.trace
        if let limit { entries = Array(entries.prefix(max(0, limit))) }
        if options.json {
            JSONOutput.print(TraceText.json(entries))
            return
        }
        print("operation \(operation.id): \(operation.record.command) — \(operation.record.summary)")
        TraceText.printEntries(entries, kept: operation.record.trace.count, total: operation.record.traceTotal)
    }
}
