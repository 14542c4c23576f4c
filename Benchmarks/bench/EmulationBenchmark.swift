import FlashCore
import FlashEmulation
import Foundation

// Programs 512 KB through a vendor algorithm on the emulated core (default: probe-rs's
// Keil stm32l5x_512_0800) and prints the host time, with tracing off and on.

/// `bench emulation`: see scripts/bench-emulation.
enum EmulationBenchmark {
    static func main(_ arguments: [String]) throws {
        let arguments = arguments
        guard arguments.count >= 2 else {
            print("usage: bench-emulation ALGORITHM-FILE [NAME] [RUNS]")
            exit(64)
        }
        let file = arguments[1]
        let name = arguments.count > 2 ? arguments[2] : "stm32l5x_512_0800"
        let runs = arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3
        guard Emulator.isAvailable else {
            print("the algorithm emulator needs libunicorn2 (apt-get install libunicorn2)")
            exit(69)
        }
        let vendor: VendorAlgorithm
        do {
            vendor = try AlgorithmFile.select(try AlgorithmFile.load(file), name: name, covering: nil, file: file)
        } catch {
            print("\(error)")
            exit(65)
        }

        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<512 * 1024).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let image = (try? MemoryImage(segments: [.init(address: vendor.start, bytes: bytes)])) ?? MemoryImage()

        func run(tracing: Bool) -> (seconds: Double, result: OperationResult, instructions: UInt64) {
            let machine = Machine(state: .factoryFresh(.stm32l552xE), tracing: tracing)
            let engine = FlashEngine(machine: machine)
            guard let algorithm = try? EmulatedFlashAlgorithm(vendor) else { exit(70) }
            let start = DispatchTime.now().uptimeNanoseconds
            guard let result = try? engine.program(image, using: algorithm) else { exit(70) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            return (seconds, result, algorithm.emulator.totalInstructions)
        }

        print(
            "program 512 KB with \(vendor.name) on the emulated \(Emulator.isAvailable ? "Cortex-M33" : "core") (\(runs) runs, best)"
        )
        for tracing in [false, true] {
            var best = Double.infinity
            var last: (seconds: Double, result: OperationResult, instructions: UInt64)?
            for _ in 0..<runs {
                let outcome = run(tracing: tracing)
                best = min(best, outcome.seconds)
                last = outcome
            }
            guard let last else { continue }
            let status = last.result.succeeded ? "ok" : "FAILED \(last.result.failedCalls.prefix(1))"
            print(
                String(
                    format: "  tracing %@: %.3f s host, %.2f M instructions, %d bus accesses, device time %@, %@",
                    tracing ? "on " : "off", best, Double(last.instructions) / 1e6, last.result.accesses,
                    formatDuration(last.result.deviceTime), status))
        }

    }
}
