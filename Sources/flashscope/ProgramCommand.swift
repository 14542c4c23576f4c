import ArgumentParser
import FlashCore

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
            let image = try ImageFiles.read(file, address: address.value)
            let session = try DeviceSession(options)
            try operation.run(session, json: options.json) { engine in
                try engine.program(image, algorithm: operation.algorithm, preserve: !noPreserve, verify: verify)
            }
        }
    }
}
