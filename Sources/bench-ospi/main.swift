// Programs a 64 MiB image into the OCTOSPI flash through the engine (the OCTOSPI algorithm on the
// register-level model), saves it to a device file, reopens the file and reads everything back
// through memory-mapped mode. Run by scripts/bench-ospi.
import DeviceStore
import FlashCore
import Foundation

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let mebibytes = Int(CommandLine.arguments.dropFirst().first ?? "64") ?? 64
let size = mebibytes << 20
var generator = SystemRandomNumberGenerator()
var data = [UInt8](repeating: 0, count: size)
for index in stride(from: 0, to: size, by: 8) {
    let word = generator.next()
    for byte in 0..<8 where index + byte < size { data[index + byte] = UInt8(truncatingIfNeeded: word >> (8 * UInt64(byte))) }
}
let image: MemoryImage
do { image = try MemoryImage(segments: [.init(address: 0x9000_0000, bytes: data)]) } catch { fatalError("one segment") }

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flashscope-bench-ospi-\(getpid())")
try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let path = directory.appendingPathComponent("ospi.fsdev").path
let clock = ContinuousClock()

/// Programs and saves; the machine is gone when this returns, as after a `flashscope program` command.
func programAndSave() throws -> (result: OperationResult, program: Double, save: Double) {
    let store = try DeviceStore.create(at: path, state: .factoryFresh(.stm32l562xE), force: true)
    let initial = try store.load()
    let machine = Machine(state: initial)
    let engine = FlashEngine(machine: machine)
    var result: OperationResult?
    let programTime = seconds(try clock.measure { result = try engine.program(image) })
    guard let result, result.succeeded else { fatalError("programming failed: \(String(describing: result?.failedCalls))") }
    let record = OperationRecord(kind: "program", command: "bench-ospi", status: "ok", summary: "bench",
                                 resultJSON: "{}", trace: machine.renderedTrace(), traceTotal: result.accesses)
    let saveTime = seconds(try clock.measure {
        try store.save(machine.state, previous: initial, changes: machine.changes, operation: record)
    })
    return (result, programTime, saveTime)
}

do {
    let (result, programTime, saveTime) = try programAndSave()
    var reopened: Machine?
    let openTime = seconds(try clock.measure { reopened = Machine(state: try DeviceStore.open(at: path).load()) })
    guard let reopened else { fatalError("reopen") }
    // Read back in 4 MiB pieces and compare as we go, so the check does not hold a second copy.
    var equal = true
    let reader = FlashEngine(machine: reopened)
    let readTime = seconds(try clock.measure {
        var offset = 0
        while offset < size {
            let count = min(4 << 20, size - offset)
            let piece = try reader.read(from: 0x9000_0000 + UInt32(offset), count: count)
            if piece[...] != data[offset..<offset + count] { equal = false }
            offset += count
        }
    })
    print("OCTOSPI: \(mebibytes) MiB through the OCTOSPI algorithm and the device file")
    print("  bus accesses              \(result.accesses)")
    print("  device time (model)       \(formatDuration(result.deviceTime))")
    print("  program (model)           \(String(format: "%.2f", programTime)) s")
    print("  save to device file       \(String(format: "%.2f", saveTime)) s")
    print("  program + save            \(String(format: "%.2f", programTime + saveTime)) s")
    print("  reopen device file        \(String(format: "%.2f", openTime)) s")
    print("  read back, memory-mapped  \(String(format: "%.2f", readTime)) s")
    print("  equal byte for byte       \(equal ? "yes" : "NO")")
    if !equal { exit(1) }
} catch {
    print("bench-ospi failed: \(error)")
    exit(1)
}
