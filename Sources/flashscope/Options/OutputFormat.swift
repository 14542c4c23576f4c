import ArgumentParser
import FlashFormats
import Foundation

/// `--format` of a command that writes a file: only the formats FlashFormats writes (ELF is read only),
/// so `--help` lists what the command can do.
struct OutputFormat: ExpressibleByArgument, Sendable {
    let format: FirmwareFormat

    init?(argument: String) {
        guard let format = FirmwareFormat(argument: argument), format != .elf else { return nil }
        self.format = format
    }

    static var allValueStrings: [String] { ["hex", "srec", "bin"] }

    /// The format for an output path: `--format`, else the extension; an extension that names ELF
    /// is refused (a file named .elf holding raw bytes would mislead every tool that opens it).
    static func chosen(_ given: OutputFormat?, path: String, otherwise fallback: FirmwareFormat?) throws
        -> FirmwareFormat?
    {
        if let given { return given.format }
        if let format = FirmwareFormat(forOutputPath: path) { return format }
        if FirmwareFormat(pathExtension: (path as NSString).pathExtension) == .elf {
            let ext = (path as NSString).pathExtension
            throw CommandFailure(
                "\(path): .\(ext) names ELF, which FlashScope reads but does not write; "
                    + "use .hex, .srec, .s19 or .bin, or --format", status: ExitStatus.usage)
        }
        return fallback
    }
}

/// `export --format`: the text formats, which keep each run's address (a binary file cannot hold
/// the 2 GB between the embedded and the OCTOSPI flash).
struct ExportFormat: ExpressibleByArgument, Sendable {
    let format: FirmwareFormat

    init?(argument: String) {
        guard let format = FirmwareFormat(argument: argument), format == .intelHex || format == .srecord else {
            return nil
        }
        self.format = format
    }

    static var allValueStrings: [String] { ["hex", "srec"] }
}
