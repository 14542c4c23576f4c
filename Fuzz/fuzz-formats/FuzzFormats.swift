#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FlashCore
import FuzzSupport
import FlashFormats

/// Feeds arbitrary bytes to one reader. The reader comes from the
/// FUZZ_FORMAT environment variable (hex, srec, elf, bin, auto), or, when it
/// is unset, from the first input byte (modulo 5, same order).
enum FuzzFormats {
    static let chosen: FirmwareFormat?? = {
        guard let name = getenv("FUZZ_FORMAT").map({ String(cString: $0) }) else { return .none }
        switch name {
        case "hex": return .some(.intelHex)
        case "srec": return .some(.srecord)
        case "elf": return .some(.elf)
        case "bin": return .some(.binary)
        default: return .some(nil)
        }
    }()

    static func run(_ input: [UInt8]) -> String {
        var bytes = input
        let format: FirmwareFormat?
        if let fixed = chosen {
            format = fixed
        } else {
            guard let first = bytes.first else { return "empty" }
            bytes.removeFirst()
            let choices: [FirmwareFormat?] = [.intelHex, .srecord, .elf, .binary, nil]
            format = choices[Int(first) % choices.count]
        }
        do {
            let image = try FirmwareFile.read(bytes: bytes, name: "fuzz", format: format, baseAddress: 0x0800_0000)
            // What was read must write and read back identically.
            for output in [FirmwareFormat.intelHex, .srecord] {
                let text = try FirmwareFile.encode(image, format: output)
                let again = try FirmwareFile.read(bytes: text, name: "again", format: output)
                if again.segments != image.segments {
                    fatalError("round trip through \(output) changed the image")
                }
            }
            return "ok: \(image.segments.count) segments, \(image.byteCount) bytes"
        } catch {
            return error.description
        }
    }
}

#if FUZZING
@_cdecl("fuzz_formats_main")
public func fuzzFormatsMain(_ argc: Int32, _ argv: FuzzArguments) -> Int32 {
    LibFuzzer.runDriver(argc, argv) { _ = FuzzFormats.run($0) }
}
#else
/// Without the fuzzer: reads each file named on the command line and reports.
@main
struct FuzzFormatsMain {
    static func main() {
        LibFuzzer.replay(CommandLine.arguments.dropFirst(), FuzzFormats.run)
    }
}
#endif
