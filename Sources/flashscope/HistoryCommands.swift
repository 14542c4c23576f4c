import ArgumentParser
import DeviceStore
import FlashCore
import Foundation

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "List the operations run on the device.")

    @OptionGroup var options: DeviceOptions

    func run() throws {
        let operations = try options.openStore(.read).operations()
        if options.json {
            JSONOutput.print(operations.map { operation -> [String: Any] in
                ["id": Int(operation.id), "time": operation.time, "kind": operation.record.kind,
                 "summary": operation.record.summary, "status": operation.record.status,
                 "undone": operation.undone, "command": operation.record.command]
            })
            return
        }
        if operations.isEmpty { print("no operations yet") }
        for operation in operations {
            print("\(operation.id)\t\(operation.time)\t\(operation.record.kind)\t\(operation.record.status)"
                + "\t\(operation.record.summary)\(operation.undone ? "\t(undone)" : "")")
        }
    }
}

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
            JSONOutput.print(["id": Int(stored.id), "time": stored.time, "command": stored.record.command,
                              "undone": stored.undone, "result": result,
                              "trace": TraceText.json(stored.record.trace)] as [String: Any])
            return
        }
        print("operation \(stored.id) at \(stored.time)\(stored.undone ? " (undone)" : ""): \(stored.record.command)")
        print("  \(stored.record.summary)")
        TraceText.printEntries(stored.record.trace, total: stored.record.traceTotal)
    }
}

struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo", abstract: "Undo the last operation, or every operation back to OP.")

    @OptionGroup var options: DeviceOptions

    @Argument(help: "Undo back to and including this operation.")
    var operation: Int64?

    func run() throws {
        let undone = try options.openStore().undo(through: operation)
        if options.json {
            JSONOutput.print(["undone": undone.map(Int.init)])
        } else {
            print("undone: " + undone.map(String.init).joined(separator: ", "))
        }
    }
}

struct RedoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "redo", abstract: "Redo the operation undone last.")

    @OptionGroup var options: DeviceOptions

    func run() throws {
        let redone = try options.openStore().redo()
        if options.json { JSONOutput.print(["redone": Int(redone)]) } else { print("redone: \(redone)") }
    }
}

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot", abstract: "Save, restore, list and delete named copies of the device.",
        subcommands: [Save.self, Restore.self, List.self, Delete.self], defaultSubcommand: List.self)

    struct Save: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Save the device as it is now under a name.")
        @OptionGroup var options: DeviceOptions
        @Argument var name: String

        func run() throws {
            try options.openStore().saveSnapshot(name)
            if !options.json { print("saved snapshot \(name)") } else { JSONOutput.print(["saved": name]) }
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put the device back as a snapshot holds it (undoable).")
        @OptionGroup var options: DeviceOptions
        @Argument var name: String

        func run() throws {
            let store = try options.openStore()
            guard let state = try store.snapshotState(name) else {
                throw CommandFailure("no snapshot named '\(name)'", status: ExitStatus.usage)
            }
            let record = OperationRecord(kind: "snapshot-restore", command: commandLine, status: "ok",
                                         summary: "restored snapshot \(name)", resultJSON: "{}", trace: [], traceTotal: 0)
            try store.save(state, changes: .everything, operation: record)
            if !options.json { print("restored snapshot \(name)") } else { JSONOutput.print(["restored": name]) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List snapshots.")
        @OptionGroup var options: DeviceOptions

        func run() throws {
            let snapshots = try options.openStore(.read).snapshots()
            if options.json {
                JSONOutput.print(snapshots.map { ["name": $0.name, "time": $0.time, "bytesHeld": $0.bytesHeld] as [String: Any] })
                return
            }
            if snapshots.isEmpty { print("no snapshots") }
            for snapshot in snapshots { print("\(snapshot.name)\t\(snapshot.time)\t\(snapshot.bytesHeld) bytes of data") }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a snapshot.")
        @OptionGroup var options: DeviceOptions
        @Argument var name: String

        func run() throws {
            guard try options.openStore().deleteSnapshot(name) else {
                throw CommandFailure("no snapshot named '\(name)'", status: ExitStatus.usage)
            }
            if !options.json { print("deleted snapshot \(name)") } else { JSONOutput.print(["deleted": name]) }
        }
    }
}

struct ImportDumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-dump",
        abstract: "Load a raw dump read off a real chip (STM32CubeProgrammer -r, J-Link savebin), as one undoable operation.")

    @OptionGroup var options: DeviceOptions

    @Argument(help: "The raw dump.")
    var file: String

    @Option(help: "Where the dump was read from.")
    var address: Number

    @Option(help: "The chip's FLASH_OPTR, so the dump lands in the right banks.")
    var optr: Number?

    func run() throws {
        // The same reader as `program`: regular files only, so a FIFO or /dev/zero cannot hang it.
        let data = try ImageFiles.read(file, format: .binary, address: address.value).segments.first?.bytes ?? []
        let store = try options.openStore()
        let current = try store.load()
        var state = current
        if let optr {
            state.effective[.optr] = optr.value
            state.pending[.optr] = optr.value
        }
        let layout = FlashLayout(part: state.part, options: state.effective, assumptions: state.assumptions)
        for (index, byte) in data.enumerated() {
            let address = self.address.value &+ UInt32(index)
            guard let location = try? layout.locate(address) else {
                throw CommandFailure("\(file): byte \(index) would land at \(hex(address)), outside the flash",
                                     status: ExitStatus.badInput)
            }
            state.flash[Int(location.physicalOffset)] = byte
        }
        let record = OperationRecord(kind: "import", command: commandLine, status: "ok",
                                     summary: "imported \(data.count) bytes at \(hex(address.value))",
                                     resultJSON: "{}", trace: [], traceTotal: 0)
        try store.save(state, changes: DeviceChanges(flashChunks: nil, ospiSectors: []), operation: record)
        if options.json {
            JSONOutput.print(["imported": data.count, "address": hex(address.value)] as [String: Any])
        } else {
            print("imported \(data.count) bytes at \(hex(address.value))")
        }
    }
}
