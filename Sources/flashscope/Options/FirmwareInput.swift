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

    @Option(
        help: "Where a binary file goes (HEX, S-record and ELF files carry their own addresses: ignored, with a note).")
    var address: Number?

    /// `--address` places binary files only; for any other format say on stderr that it is ignored,
    /// rather than let the user think the image moved.
    func noteIgnoredAddress(for path: String) {
        guard let address, let chosen = try? format ?? FirmwareFile.format(ofPath: path), chosen != .binary else {
            return
        }
        printError(
            "note: --address \(hex(address.value)) is ignored: \(path) is \(chosen.displayName), which carries its "
                + "own addresses (--address places binary files only)")
    }

    func load(_ path: String) throws -> MemoryImage {
        try ImageFiles.read(path, format: format, address: address?.value)
    }

    /// The device compared with a file (`verify`, `diff`); a binary file is read a piece at a time.
    func compare(_ path: String, withDeviceOf options: DeviceOptions) throws -> ImageComparison {
        noteIgnoredAddress(for: path)
        let image = try ImageFiles.open(path, format: format, address: address?.value)
        return try DeviceSession(options, access: .read).engine.compare(with: image)
    }
}
