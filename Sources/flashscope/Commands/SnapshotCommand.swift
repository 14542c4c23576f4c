import ArgumentParser
import DeviceStore
import FlashCore
import Foundation

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot", abstract: "Save, restore, list and delete named copies of the device.",
        subcommands: [Save.self, Restore.self, List.self, Delete.self], defaultSubcommand: List.self)

    struct Save: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Save the device as it is now under a name.")
        @OptionGroup var options: DeviceOptions
        @Argument var name: String

        @Flag(help: "Replace a snapshot of the same name.")
        var force = false

        func run() throws {
            let store = try options.openStore()
            if !force, let existing = try store.snapshots().first(where: { $0.name == name }) {
                throw CommandFailure(
                    "snapshot '\(name)' exists (saved \(existing.time)); add --force to replace it",
                    status: ExitStatus.usage)
            }
            try store.saveSnapshot(name)
            if !options.json { print("saved snapshot \(name)") } else { JSONOutput.print(["saved": name]) }
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put the device back as a snapshot holds it (undoable).")
        @OptionGroup var options: DeviceOptions
        @Argument var name: String

        func run() throws {
            let store = try options.openStore()
            guard let state = try store.snapshotState(name) else {
                throw CommandFailure("no snapshot named '\(name)'", status: ExitStatus.usage)
            }
            let record = OperationRecord(
                kind: "snapshot-restore", command: commandLine, status: "ok",
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
                JSONOutput.print(
                    snapshots.map { ["name": $0.name, "time": $0.time, "bytesHeld": $0.bytesHeld] as [String: Any] })
                return
            }
            if snapshots.isEmpty { print("no snapshots") }
            for snapshot in snapshots {
                print("\(snapshot.name)\t\(snapshot.time)\t\(snapshot.bytesHeld) bytes of data")
            }
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
