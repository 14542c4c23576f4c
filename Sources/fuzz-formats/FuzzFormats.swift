#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FlashCore
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
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = FuzzFormats.run(bytes)
    return 0
}

public typealias FuzzArguments = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<FuzzArguments>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// SwiftPM links an executable's entry point as `<module>_main`; hand control
/// to libFuzzer's driver from there.
@_cdecl("fuzz_formats_main")
public func fuzzFormatsMain(_ argc: Int32, _ argv: FuzzArguments) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
}
#else
/// Without the fuzzer: reads each file named on the command line and reports.
@main
struct FuzzFormatsMain {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let file = fopen(path, "rb") else {
                print("\(path): cannot open")
                continue
            }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let got = fread(&chunk, 1, chunk.count, file)
                if got <= 0 { break }
                bytes += chunk[0..<got]
            }
            fclose(file)
            print("\(path): \(FuzzFormats.run(bytes))")
        }
    }
}
#endif
