import ArgumentParser
import DeviceStore
import FlashCore
import Foundation

struct ImportDumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-dump",
        abstract:
            "Load a raw dump read off a real chip (STM32CubeProgrammer -r, J-Link savebin), as one undoable operation.")

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
                throw CommandFailure(
                    "\(file): byte \(index) would land at \(hex(address)), outside the flash",
                    status: ExitStatus.badInput)
            }
            state.flash[Int(location.physicalOffset)] = byte
        }
        let record = OperationRecord(
            kind: "import", command: commandLine, status: "ok",
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
