import ArgumentParser
import FlashCore
import FlashFormats

extension FirmwareFormat: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument.lowercased() {
        case "hex", "ihex", "intel-hex": self = .intelHex
        case "srec", "s19", "s28", "s37", "mot", "srecord": self = .srecord
        case "elf", "axf": self = .elf
        case "bin", "binary", "raw": self = .binary
        default: return nil
        }
    }

    public static var allValueStrings: [String] { ["hex", "srec", "elf", "bin"] }
}

/// Writes an image in the format its path's extension names (or the one given).
func saveFirmware(_ image: MemoryImage, to path: String, format: FirmwareFormat?, range: Range<UInt64>? = nil) throws {
    guard let chosen = format ?? FirmwareFormat(forOutputPath: path) else {
        throw CommandFailure(
            "\(path): cannot tell the output format from the extension (use .hex, .srec, .s19 or .bin, or --format)",
            status: ExitStatus.usage)
    }
    do {
        try FirmwareFile.write(image, to: path, format: chosen, range: range)
    } catch {
        if case .binaryMostlyFill = error.kind { throw CommandFailure(error.description, status: ExitStatus.badInput) }
        throw CommandFailure(error.description, status: ExitStatus.ioError)
    }
}

/// `--format` and `--address` for commands that read firmware.
struct FirmwareOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The file's format (hex, srec, elf, bin); default: from the content and extension.", valueName: "format"))
    var format: FirmwareFormat?

    @Option(help: "Where a binary file goes.")
    var address: Number?

    func load(_ path: String) throws -> MemoryImage {
        try ImageFiles.read(path, format: format, address: address?.value)
    }

    /// The device compared with a file (`verify`, `diff`); a binary file is read a piece at a time.
    func compare(_ path: String, withDeviceOf options: DeviceOptions) throws -> ImageComparison {
        let image = try ImageFiles.open(path, format: format, address: address?.value)
        return try DeviceSession(options, access: .read).engine.compare(with: image)
    }
}
