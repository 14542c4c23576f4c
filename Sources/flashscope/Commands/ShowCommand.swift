import ArgumentParser
import DeviceStore
import FlashCore
import Foundation

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one operation with its trace.")

    @OptionGroup var options: DeviceOptions

    @Argument(help: "The operation id (see `log`).")
    var operation: Int64

    func run() throws {
        guard let stored = try options.openStore(.read).operation(id: operation) else {
            throw CommandFailure("no operation \(operation) in this device's history", status: ExitStatus.usage)
        }
        if options.json {
            let result = (try? JSONSerialization.jsonObject(with: Data(stored.record.resultJSON.utf8))) ?? [:]
            JSONOutput.print(
                [
                    "id": Int(stored.id), "time": stored.time, "command": stored.record.command,
                    "undone": stored.undone, "result": result,
                    "trace": TraceText.json(stored.record.trace),
                ] as [String: Any])
            return
        }
        print("operation \(stored.id) at \(stored.time)\(stored.undone ? " (undone)" : ""): \(stored.record.command)")
        print("  \(stored.record.summary)")
        TraceText.printEntries(stored.record.trace, kept: stored.record.trace.count, total: stored.record.traceTotal)
    }
}
