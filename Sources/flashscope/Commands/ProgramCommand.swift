import ArgumentParser
import FlashCore
import FlashFormats

struct ProgramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "program",
        abstract: "Program a file into flash (erasing the sectors it touches first).")

    @OptionGroup var options: DeviceOptions
    @OptionGroup var operation: OperationOptions

    @Argument(
        help: "The file to program: Intel HEX, S-record, ELF or binary (binary needs --address; the others ignore it).")
    var file: String

    @OptionGroup var firmware: FirmwareOptions

    @Flag(
        name: .customLong("no-preserve"),
        help: "Leave the unwritten parts of erased sectors erased (default: keep them).")
    var noPreserve = false

    @Flag(help: "Read back and compare after programming.")
    var verify = false

    func run() throws {
        firmware.noteIgnoredAddress(for: file)
        // A vendor algorithm on the emulated core takes the image whole; the built-in ones
        // read a binary file sector by sector as they program it.
        let whole =
            operation.vendor.file == nil
            ? nil
            : try ImageFiles.read(file, format: firmware.format, address: firmware.address?.value)
        let image = try whole ?? ImageFiles.open(file, format: firmware.format, address: firmware.address?.value)
        let session = try DeviceSession(options)
        do {
            try operation.run(session, json: options.json, subject: file) { engine in
                if let whole, let emulated = try operation.vendor.emulated(covering: whole.bounds?.low) {
                    return try engine.program(whole, using: emulated, preserve: !noPreserve, verify: verify)
                }
                return try engine.program(
                    image, using: operation.builtIn(for: engine), preserve: !noPreserve, verify: verify)
            }
        } catch EngineError.outsideFlash(let error) {
            // Name the record that put data there, as a reader's own errors do.
            let place =
                FirmwareFile.place(of: error.address, inFile: file, format: firmware.format).map { "\($0): " } ?? ""
            throw CommandFailure("\(file): \(place)\(error)", status: ExitStatus.badInput)
        }
    }
}
