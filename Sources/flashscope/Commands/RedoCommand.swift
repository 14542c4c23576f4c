import ArgumentParser
import DeviceStore
import FlashCore
import Foundation

struct RedoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "redo", abstract: "Redo the operation undone last.")

    @OptionGroup var options: DeviceOptions

    func run() throws {
        let redone = try options.openStore().redo()
        if options.json { JSONOutput.print(["redone": Int(redone)]) } else { print("redone: \(redone)") }
    }
}
