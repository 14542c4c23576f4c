#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BenchSupport
import FlashCore
import FlashFormats

/// Benchmark helper for scripts/bench-formats.
///
///     bench-formats convert IN OUT            (formats from content / extensions)
///     bench-formats generate SIZE BASE OUT    (random image of SIZE bytes at BASE)
/// `bench formats`: see scripts/bench-formats.
enum FormatsBenchmark {
    static func main(_ commandLine: [String]) {
        let arguments = Array(commandLine.dropFirst())
        do {
            switch arguments.first {
            case "convert" where arguments.count == 3:
                let image = try FirmwareFile.read(path: arguments[1])
                guard let format = FirmwareFormat(forOutputPath: arguments[2]) else {
                    fail("no output format for \(arguments[2])")
                }
                try FirmwareFile.write(image, to: arguments[2], format: format)
            case "generate" where arguments.count == 4:
                guard let size = Int(arguments[1]), let base = parse(arguments[2]),
                    let format = FirmwareFormat(forOutputPath: arguments[3])
                else {
                    fail("generate SIZE BASE OUT")
                }
                var generator = SplitMix(seed: 0x5EED)
                var bytes = [UInt8](repeating: 0, count: size)
                bytes.withUnsafeMutableBytes { raw in
                    let words = raw.bindMemory(to: UInt64.self)
                    for index in words.indices { words[index] = generator.next() }
                }
                let image = try MemoryImage(segments: [.init(address: base, bytes: bytes)])
                try FirmwareFile.write(image, to: arguments[3], format: format)
            default:
                fail("usage: bench-formats convert IN OUT | generate SIZE BASE OUT")
            }
        } catch {
            fail("\(error)")
        }
    }

    static func parse(_ text: String) -> UInt32? {
        text.hasPrefix("0x") ? UInt32(text.dropFirst(2), radix: 16) : UInt32(text)
    }

    static func fail(_ message: String) -> Never {
        print("bench-formats: \(message)")
        exit(1)
    }
}
