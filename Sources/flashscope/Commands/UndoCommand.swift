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
        let undone = try options.openStore().undo(through: operation)
        if options.json {
            JSONOutput.print(["undone": undone.map(Int.init)])
        } else {
            print("undone: " + undone.map(String.init).joined(separator: ", "))
        }
    }
}
