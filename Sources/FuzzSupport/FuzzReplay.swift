#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Without the fuzzer: runs `body` on each file named on the command line (a crash input,
/// say) and prints what it says.
public func replayFiles(_ body: ([UInt8]) -> String) {
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
        print("\(path): \(body(bytes))")
    }
}
