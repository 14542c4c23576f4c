import ArgumentParser
import FlashCore
import FlashFormats

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert between Intel HEX, S-record, ELF (input only) and binary, without a device.",
        discussion: "The output format comes from OUT's extension (.hex, .srec/.s19, .bin); --format overrides it.")

    @Argument(help: "The input file.")
    var input: String

    @Argument(help: "The output file.")
    var output: String

    @Option(help: "Where a binary input file starts.")
    var address: Number?

    @Option(
        name: .customLong("input-format"),
        help: ArgumentHelp("The input's format (default: detected).", valueName: "format"))
    var inputFormat: FirmwareFormat?

    @Option(help: ArgumentHelp("The output's format (default: from OUT's extension).", valueName: "format"))
    var format: OutputFormat?

    @Option(help: "Write only the part of the image from this address (with --length).")
    var from: Number?

    @Option(help: "How many bytes from --from to write; a binary output is exactly this long, gaps 0xFF.")
    var length: Number?

    func run() throws {
        var range: Range<UInt64>?
        switch (from, length) {
        case (nil, nil): range = nil
        case let (start?, count?) where count.value > 0:
            range = UInt64(start.value)..<UInt64(start.value) + UInt64(count.value)
        default:
            throw CommandFailure("--from and --length go together, and the length is not 0", status: ExitStatus.usage)
        }
        let image = try ImageFiles.read(input, format: inputFormat, address: address?.value)
        try saveFirmware(
            image, to: output, format: try OutputFormat.chosen(format, path: output, otherwise: nil), range: range)
    }
}
