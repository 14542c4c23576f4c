// Does what a user does with a 64 MiB binary: writes it to a file, programs the file into the
// OCTOSPI flash through `BinaryFileSource` (the command line's path: the OCTOSPI algorithm on the
// register-level model), saves to a device file, reopens it and reads everything back through
// memory-mapped mode, comparing with the file. Run by scripts/bench-ospi.
import BenchSupport
import DeviceStore
import FlashCore
import FlashFormats
import Foundation

/// `bench ospi`: see scripts/bench-ospi.
enum OSPIBenchmark {
    static func main(_ arguments: [String]) throws {
        let arguments = Array(arguments.dropFirst())
        let mebibytes = arguments.first.flatMap { Int($0) } ?? 64
        /// Program + save runs, each on a fresh device file: this host's timing varies run to run, so the median counts.
        let runs = max(1, arguments.dropFirst().first.flatMap { Int($0) } ?? 3)
        let size = mebibytes << 20
        let piece = 1 << 20

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "flashscope-bench-ospi-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ospi.fsdev").path
        let imagePath = directory.appendingPathComponent("image.bin").path
        let clock = ContinuousClock()

        /// Writes the image file 1 MiB at a time.
        func writeImage() throws {
            guard FileManager.default.createFile(atPath: imagePath, contents: nil),
                let file = FileHandle(forWritingAtPath: imagePath)
            else { throw CocoaError(.fileWriteUnknown) }
            defer { try? file.close() }
            var generator = SplitMix(seed: 0x0C70_5B1)
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            var written = 0
            while written < size {
                let count = min(chunk.count, size - written)
                for index in stride(from: 0, to: count, by: 8) {
                    let word = generator.next()
                    for byte in 0..<min(8, count - index) {
                        chunk[index + byte] = UInt8(truncatingIfNeeded: word >> (8 * UInt64(byte)))
                    }
                }
                try file.write(contentsOf: chunk[0..<count])
                written += count
            }
        }

        /// Programs the file and saves; the machine is gone when this returns, as after a `flashscope program` command.
        func programAndSave() throws -> (result: OperationResult, program: Double, save: Double) {
            let store = try DeviceStore.create(at: path, state: .factoryFresh(.stm32l562xE), force: true)
            let initial = try store.load()
            let machine = Machine(state: initial, traceLimit: TraceRecorder.savedLimit)  // as the command line's
            let engine = FlashEngine(machine: machine)
            let source = try BinaryFileSource(path: imagePath, baseAddress: FlashRegion.ospiBase)
            var result: OperationResult?
            let programTime = seconds(try clock.measure { result = try engine.program(source) })
            guard let result, result.succeeded else {
                fatalError("programming failed: \(String(describing: result?.failedCalls))")
            }
            // As the command line's commit: the kept trace in words, then one transaction.
            let saveTime = seconds(
                try clock.measure {
                    let record = OperationRecord(
                        kind: "program", command: "bench-ospi", status: "ok", summary: "bench",
                        resultJSON: "{}", trace: machine.renderedTrace(), traceTotal: result.accesses)
                    try store.save(machine.state, changes: machine.changes, operation: record)
                })
            return (result, programTime, saveTime)
        }

        do {
            try writeImage()
            var timings: [(program: Double, save: Double)] = []
            var last: OperationResult?
            for _ in 0..<runs {
                let (result, programTime, saveTime) = try programAndSave()
                timings.append((programTime, saveTime))
                last = result
            }
            guard let result = last else { fatalError("no run") }
            func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
            func shown(_ value: Double) -> String { String(format: "%.2f s", value) }
            let totals = timings.map { $0.program + $0.save }
            var reopened: Machine?
            let openTime = seconds(
                try clock.measure { reopened = Machine(state: try DeviceStore.open(at: path).load()) })
            guard let reopened else { fatalError("reopen") }
            // Read back in 1 MiB pieces and compare with the file's, so the check holds no copy of the image.
            guard let file = FileHandle(forReadingAtPath: imagePath) else { throw CocoaError(.fileReadNoSuchFile) }
            defer { try? file.close() }
            var equal = true
            let reader = FlashEngine(machine: reopened)
            var readTime = 0.0
            var offset = 0
            while offset < size {
                let count = min(piece, size - offset)
                var flash: [UInt8] = []
                readTime += seconds(
                    try clock.measure {
                        flash = try reader.read(from: FlashRegion.ospiBase + UInt32(offset), count: count)
                    })
                if flash != [UInt8](try file.read(upToCount: count) ?? Data()) { equal = false }
                offset += count
            }
            print("OCTOSPI: \(mebibytes) MiB through the OCTOSPI algorithm and the device file")
            print("  bus accesses              \(result.accesses)")
            print("  device time (model)       \(formatDuration(result.deviceTime))")
            print("  runs                      \(runs) (median, then fastest–slowest)")
            print("  program (model)           \(shown(median(timings.map(\.program))))")
            print("  save to device file       \(shown(median(timings.map(\.save))))")
            print(
                "  program + save            \(shown(median(totals)))  (\(shown(totals.min() ?? 0))–\(shown(totals.max() ?? 0)))"
            )
            print("  reopen device file        \(String(format: "%.2f", openTime)) s")
            print("  read back, memory-mapped  \(String(format: "%.2f", readTime)) s")
            print("  equal byte for byte       \(equal ? "yes" : "NO")")
            if !equal { exit(1) }
        } catch {
            print("bench-ospi failed: \(error)")
            exit(1)
        }

    }
}
