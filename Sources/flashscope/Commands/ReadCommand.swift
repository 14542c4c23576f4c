import ArgumentParser
import FlashCore
import FlashFormats
import Foundation

struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read flash: raw bytes to a file or a pipe, a hex dump on a terminal.")

    @OptionGroup var options: DeviceOptions

    @Argument(help: "First address.")
    var address: Number

    @Argument(help: "Number of bytes.")
    var length: Number

    @Option(name: .shortAndLong, help: "Write to this file; .hex, .srec/.s19 or .bin picks the format.")
    var output: String?

    @Option(
        help: ArgumentHelp(
            "The output file's format (hex, srec, bin); default: from the extension, raw bytes when it names none.",
            valueName: "format"))
    var format: OutputFormat?

    @Option(
        help: ArgumentHelp(
            "The text view: 1, bytes with ASCII (the default on a terminal); 4, 32-bit little-endian words as "
                + "OpenOCD's mdw prints them (address and length multiples of 4).", valueName: "bytes"))
    var width: Int?

    func validate() throws {
        guard let width else { return }
        guard width == 1 || width == 4 else { throw ValidationError("--width takes 1 or 4, not \(width)") }
        guard output == nil, !options.json else {
            throw ValidationError("--width is a text view: not with -o or --json")
        }
        if width == 4, address.value % 4 != 0 || length.value % 4 != 0 {
            throw ValidationError(
                "--width 4 reads whole words: \(hex(address.value)) and \(length.value) must be multiples of 4")
        }
    }

    func run() throws {
        let session = try DeviceSession(options, access: .read)
        let count = Int(length.value)
        let debuggerView = debuggerRefusal(session.machine)
        let chosen = try output.map { try OutputFormat.chosen(format, path: $0, otherwise: .binary) ?? .binary }
        if let output, chosen == .binary {
            try writeRaw(session.engine, count: count, to: output)
            if let debuggerView { printError("note: \(debuggerView)") }
            noteRefused(session.engine, count: count)
            return
        }
        let bytes = try session.engine.read(from: address.value, count: count)
        // Said on stderr, so the bytes on stdout stay clean.
        if let debuggerView, !options.json { printError("note: \(debuggerView)") }
        defer { if !options.json { noteRefused(session.engine, count: count) } }
        if let output {
            let image = try MemoryImage(segments: [.init(address: address.value, bytes: bytes)])
            try saveFirmware(image, to: output, format: chosen)
        } else if options.json {
            var object: [String: Any] = [
                "address": hex(address.value), "length": bytes.count,
                "readAsZero": session.engine.refusedRanges(from: address.value, count: count).map(JSONOutput.range),
                "hex": bytes.map { String(format: "%02X", $0) }.joined(),
            ]
            if let debuggerView { object["debuggerView"] = debuggerView }
            JSONOutput.print(object)
        } else if width == 4 {
            print(HexDump.words(bytes, address: address.value).joined(separator: "\n"))
        } else if width == 1 || isatty(STDOUT_FILENO) != 0 {
            print(HexDump.lines(bytes, address: address.value).joined(separator: "\n"))
        } else {
            do throws(FormatError) { try OutputFile(standardOutput: ()).write(bytes) } catch {
                throw CommandFailure(error.description, status: ExitStatus.ioError)
            }
        }
    }

    /// What a debugger would get where the simulator shows bytes: under readout protection the
    /// user flash answers it with bus errors (reference §8); nil when it would see the same.
    private func debuggerRefusal(_ machine: Machine) -> String? {
        guard FlashRegion.of(address.value) == .flash else { return nil }
        let level = machine.controller.effective.readoutLevel
        switch machine.debugAccess {
        case .noUserFlash, .none:
            return "this is the simulator's own view of the flash; at RDP \(level) a debugger reading "
                + "\(hex(address.value)) gets a bus error"
        case .full, .nonSecureOnly:
            return nil
        }
    }

    /// A bus read sees what the core would: with TrustZone on, pages of the other security (or
    /// a closed hide area) read as zero or not at all. Say so on stderr, with the alias that sees them.
    private func noteRefused(_ engine: FlashEngine, count: Int) {
        for range in engine.refusedRanges(from: address.value, count: count) {
            let twin = FlashLayout.otherTwin(range.from)
            printError(
                "note: \(hex(range.from))–\(hex(range.to)) is not readable through this alias with TZEN=1 "
                    + "(security-mismatch-read, hidden-area-read); a secure page reads at 0x0C.., a non-secure one at "
                    + "0x08.. (the twin of \(hex(range.from)) is \(hex(twin)))")
        }
    }

    /// Raw bytes to a file a megabyte at a time, so a 64 MiB dump is not held beside the flash model.
    /// The whole range is checked first: a refused range writes nothing.
    private func writeRaw(_ engine: FlashEngine, count: Int, to path: String) throws {
        try engine.checkReadable(from: address.value, count: count)
        do {
            let file = try OutputFile(path: path)
            if count > 0 {
                for (start, size) in AddressRange(from: address.value, to: address.value + UInt32(count - 1)).pieces(
                    of: 1 << 20)
                {
                    try file.write(try engine.read(from: start, count: size))
                }
            }
            try file.finish()
        } catch let error as FormatError {
            throw CommandFailure(error.description, status: ExitStatus.ioError)
        }
    }
}
