import ArgumentParser
import DeviceStore
import FlashCore
import Foundation

struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo", abstract: "Undo the last operation, or every operation back to OP.")

    @OptionGroup var options: DeviceOptions

    @Argument(help: "Undo back to and including this operation.")
    var operation: Int64?

    func run() throws {
        let store = try options.openStore()
        let before = try store.load()
        let undone = try store.undo(through: operation)
        let note = UndoNote.protection(before: before, after: try store.load())
        if options.json {
            var object: [String: Any] = ["undone": undone.map(Int.init)]
            if let note { object["note"] = note }
            JSONOutput.print(object)
        } else {
            print("undone: " + undone.map(String.init).joined(separator: ", "))
            if let note { print("note: \(note)") }
        }
    }
}
