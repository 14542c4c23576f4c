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

    @Option(name: .customLong("input-format"), help: ArgumentHelp("The input's format (default: detected).", valueName: "format"))
    var inputFormat: FirmwareFormat?

    @Option(help: ArgumentHelp("The output's format (default: from OUT's extension).", valueName: "format"))
    var format: FirmwareFormat?

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
        try saveFirmware(image, to: output, format: format, range: range)
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every non-erased byte of the device (embedded and OCTOSPI flash) to an Intel HEX or S-record file.")

    @OptionGroup var options: DeviceOptions

    @Argument(help: "The file to write (.hex, .srec or .s19).")
    var file: String

    @Option(help: ArgumentHelp("hex or srec (default: from the extension).", valueName: "format"))
    var format: FirmwareFormat?

    func run() throws {
        let session = try DeviceSession(options, access: .read)
        let chosen = format ?? FirmwareFormat(forOutputPath: file)
        guard chosen == .intelHex || chosen == .srecord else {
            throw CommandFailure("\(file): export writes Intel HEX (.hex) or S-record (.srec, .s19)", status: ExitStatus.usage)
        }
        var image = MemoryImage()
        func add(_ bytes: [UInt8], at base: UInt32) throws {
            var index = 0
            while index < bytes.count {
                guard bytes[index] != 0xFF else { index += 1; continue }
                var end = index
                while end < bytes.count && bytes[end] != 0xFF { end += 1 }
                try image.insert(Array(bytes[index..<end]), at: base + UInt32(index))
                index = end
            }
        }
        for page in session.machine.layout.pages.sorted(by: { $0.address < $1.address }) {
            try add(try session.engine.read(from: page.address, count: Int(page.size)), at: page.address)
        }
        // The OCTOSPI flash straight from the model's sectors: reading 64 MiB through the bus would be slow.
        for (offset, bytes) in (session.machine.state.ospi?.allSectors ?? [:]).sorted(by: { $0.key < $1.key }) {
            try add(bytes, at: FlashRegion.ospiBase + offset)
        }
        try saveFirmware(image, to: file, format: chosen)
        if options.json {
            JSONOutput.print(["file": file, "bytes": image.byteCount, "segments": image.segments.count] as [String: Any])
        } else {
            print("exported \(image.byteCount) bytes in \(image.segments.count) run\(image.segments.count == 1 ? "" : "s") to \(file)")
        }
    }
}
