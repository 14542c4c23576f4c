import ArgumentParser
import DeviceStore
import FlashCore
import Foundation

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "List the operations run on the device.")

    @OptionGroup var options: DeviceOptions

    func run() throws {
        let operations = try options.openStore(.read).operations()
        if options.json {
            JSONOutput.print(
                operations.map { operation -> [String: Any] in
                    [
                        "id": Int(operation.id), "time": operation.time, "kind": operation.record.kind,
                        "summary": operation.record.summary, "status": operation.record.status,
                        "undone": operation.undone, "redoable": operation.undone && !operation.superseded,
                        "command": operation.record.command,
                    ]
                })
            return
        }
        if operations.isEmpty { print("no operations yet") }
        for operation in operations {
            print(
                "\(operation.id)\t\(operation.time)\t\(operation.record.kind)\t\(operation.record.status)"
                    + "\t\(operation.record.summary)\(mark(operation))")
        }
    }

    /// Undone operations stay listed: redo puts back the first that is still redoable.
    private func mark(_ operation: StoredOperation) -> String {
        guard operation.undone else { return "" }
        return operation.superseded ? "\t(undone; not redoable after a later operation)" : "\t(undone)"
    }
}
