import ArgumentParser
import FlashCore
import Foundation

struct ProgramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "program",
        abstract: "Program a file into flash (erasing the sectors it touches first).")

    @OptionGroup var options: DeviceOptions
    @OptionGroup var operation: OperationOptions

    @Argument(help: "The file to program (raw binary; needs --address).")
    var file: String

    @Option(help: "Where a binary file goes.")
    var address: Number?

    @Flag(name: .customLong("no-preserve"), help: "Leave the unwritten parts of erased sectors erased (default: keep them).")
    var noPreserve = false

    @Flag(help: "Read back and compare after programming.")
    var verify = false

    func run() throws {
        try reportingFailures {
            guard let address else {
                throw CommandFailure("\(file): a binary file needs --address", status: ExitStatus.usage)
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure("\(file): cannot open: no such file or not readable", status: ExitStatus.cannotOpen)
            }
            guard !data.isEmpty else { throw CommandFailure("\(file): the file is empty", status: ExitStatus.badInput) }
            guard UInt64(address.value) + UInt64(data.count) <= UInt64(UInt32.max) + 1 else {
                throw CommandFailure("\(file): \(data.count) bytes at \(hex(address.value)) run past the 32-bit address space",
                                     status: ExitStatus.badInput)
            }
            let image: MemoryImage
            do { image = try MemoryImage(segments: [.init(address: address.value, bytes: [UInt8](data))]) } catch {
                throw CommandFailure("\(file): overlapping data (\(error))", status: ExitStatus.badInput)
            }
            let session = try DeviceSession(options)
            try operation.run(session, json: options.json) { engine in
                try engine.program(image, algorithm: operation.algorithm, preserve: !noPreserve, verify: verify)
            }
        }
    }
}
