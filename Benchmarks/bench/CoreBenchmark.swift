// Measures programming a full embedded-flash image through the register-level model,
// with and without tracing, and saving it to a device file. Run by scripts/bench-core.
import BenchSupport
import DeviceStore
import FlashCore
import Foundation

/// `bench core`: see scripts/bench-core.
enum CoreBenchmark {
    static func main(_ arguments: [String]) throws {
        let size = Int(Part.defaultPart.flashSize)
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<size).map { _ in UInt8.random(in: 0...0xFE, using: &generator) }
        let image: MemoryImage
        do {
            image = try MemoryImage(segments: [.init(address: 0x0800_0000, bytes: bytes)])
        } catch {
            fatalError("a single segment cannot overlap")
        }

        func programOnce(tracing: Bool) -> (seconds: Double, result: OperationResult, machine: Machine) {
            let machine = Machine(state: .factoryFresh(.defaultPart), tracing: tracing)
            let engine = FlashEngine(machine: machine)
            let clock = ContinuousClock()
            var result: OperationResult?
            let elapsed = clock.measure { result = try? engine.program(image) }
            guard let result, result.succeeded else { fatalError("the benchmark program failed") }
            return (seconds(elapsed), result, machine)
        }

        let runs = Int(arguments.dropFirst().first ?? "5") ?? 5
        var traced: [Double] = []
        var untraced: [Double] = []
        var last: (seconds: Double, result: OperationResult, machine: Machine)?
        for _ in 0..<runs {
            let on = programOnce(tracing: true)
            traced.append(on.seconds)
            last = on
            untraced.append(programOnce(tracing: false).seconds)
        }
        guard let last else { fatalError("no runs") }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flashscope-bench-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("bench.fsdev").path
        let clock = ContinuousClock()
        var saveSeconds = 0.0
        var loadSeconds = 0.0
        var renderSeconds = 0.0
        do {
            let store = try DeviceStore.create(at: path, state: .factoryFresh(.defaultPart), force: true)
            var rendered: [RenderedTraceEntry] = []
            renderSeconds = seconds(clock.measure { rendered = last.machine.renderedTrace() })
            let record = OperationRecord(
                kind: "program", command: "bench", status: "ok", summary: "bench", resultJSON: "{}",
                trace: rendered, traceTotal: last.result.accesses)
            saveSeconds = seconds(
                try clock.measure {
                    try store.save(last.machine.state, changes: last.machine.changes, operation: record)
                })
            loadSeconds = seconds(try clock.measure { _ = try DeviceStore.open(at: path).load() })
        } catch {
            print("device file step failed: \(error)")
        }
        try? FileManager.default.removeItem(at: directory)

        let bestTraced = traced.min() ?? 0
        let bestUntraced = untraced.min() ?? 0
        print("full \(size / 1024) KB program through the register-level model (best of \(runs)):")
        print("  bus accesses          \(last.result.accesses)")
        print("  device time (model)   \(formatDuration(last.result.deviceTime))")
        print("  traced                \(String(format: "%.3f", bestTraced)) s")
        print("  untraced              \(String(format: "%.3f", bestUntraced)) s")
        print("  tracing overhead      \(String(format: "%.2f", bestTraced / max(bestUntraced, 1e-9)))x")
        print(
            "  render kept trace     \(String(format: "%.3f", renderSeconds)) s (the kept trace in words, at most 20,000 accesses)"
        )
        print("  save to device file   \(String(format: "%.3f", saveSeconds)) s (state + operation + trace)")
        print("  load from device file \(String(format: "%.3f", loadSeconds)) s")

    }
}
