import ArgumentParser
import FlashCore
import FlashFormats

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Write every non-erased byte of the device (embedded and OCTOSPI flash) to an Intel HEX or S-record file.")

    @OptionGroup var options: DeviceOptions

    @Argument(help: "The file to write (.hex, .srec or .s19).")
    var file: String

    @Option(help: ArgumentHelp("hex or srec (default: from the extension).", valueName: "format"))
    var format: ExportFormat?

    func run() throws {
        let session = try DeviceSession(options, access: .read)
        let chosen = format?.format ?? FirmwareFormat(forOutputPath: file)
        guard chosen == .intelHex || chosen == .srecord else {
            throw CommandFailure(
                "\(file): export writes Intel HEX (.hex) or S-record (.srec, .s19)", status: ExitStatus.usage)
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
            JSONOutput.print(
                ["file": file, "bytes": image.byteCount, "segments": image.segments.count] as [String: Any])
        } else {
            print(
                "exported \(image.byteCount) bytes in \(image.segments.count) run\(image.segments.count == 1 ? "" : "s") to \(file)"
            )
        }
    }
}
