#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the fuzz executables share: the input as bytes and the hand-over to libFuzzer's driver.
public typealias FuzzArguments = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

public enum LibFuzzer {
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    }

    /// Without the fuzzer: runs each file named in `paths` through `body` and prints what it says,
    /// to replay a crash.
    public static func replay(_ paths: some Sequence<String>, _ body: ([UInt8]) -> String) {
        for path in paths {
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
            print("\(path): \(body(bytes))")
        }
    }

    #if FUZZING
    /// The input handler; libFuzzer calls back through a C function, which cannot capture it.
    nonisolated(unsafe) static var target: ([UInt8]) -> Void = { _ in }

    /// SwiftPM links an executable's entry point as `<module>_main`; that entry hands control
    /// to libFuzzer's driver through here, with what to do with each input.
    public static func runDriver(_ argc: Int32, _ argv: FuzzArguments, _ body: @escaping ([UInt8]) -> Void) -> Int32 {
        target = body
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments, fuzzOneInput)
    }
    #endif
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<FuzzArguments>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// libFuzzer's entry for one input, exported under the name its runtime looks for.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    LibFuzzer.target(LibFuzzer.bytes(data, size))
    return 0
}
#endif
