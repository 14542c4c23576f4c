// Times the terminal UI on a device file whose 64 MiB OCTOSPI flash is full: opening the store,
// loading it, building the app model and drawing the first frame at 240x70; then the average
// time of one frame (`App.view`); then `v` with the whole 64 MiB loaded as a file: how long the
// update loop is held, and the comparison the runner's thread does. Run by scripts/bench-tui; the
// figures are printed, not asserted.
import DeviceStore
import FlashCore
import Foundation
import TerminalKit
import TerminalUI

/// `bench tui`: see scripts/bench-tui.
enum TUIBenchmark {
    static func main(_ arguments: [String]) throws {
        func milliseconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
        }

        let frames = Int(arguments.dropFirst().first ?? "200") ?? 200
        // Issue 18's wide layout: three columns of panels, 32 hex bytes a row, 8 OCTOSPI map rows.
        let size = Size(width: 240, height: 70)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "flashscope-bench-tui-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("full-ospi.fsdev").path
        let clock = ContinuousClock()

        do {
            // The device: every 4 KiB OCTOSPI sector holds data (written straight to the file, not programmed).
            var state = DeviceState.factoryFresh(.stm32l562xE)
            var sectors: [UInt32: [UInt8]] = [:]
            var generator = SystemRandomNumberGenerator()
            for offset in stride(from: UInt32(0), to: 0x0400_0000, by: 0x1000) {
                var sector = [UInt8](repeating: 0, count: 0x1000)
                for index in stride(from: 0, to: sector.count, by: 8) {
                    let word = generator.next()
                    for byte in 0..<8 { sector[index + byte] = UInt8(truncatingIfNeeded: word >> (8 * UInt64(byte))) }
                }
                sectors[offset] = sector
            }
            state.ospi = NORPersistentState(sectors: sectors)
            let createTime = milliseconds(
                try clock.measure { try DeviceStore.create(at: path, state: state, force: true) })
            // The file a user verifies: the flash's own bytes, so `v` compares all 64 MiB and finds them equal.
            let fullImage = try MemoryImage(segments: [
                .init(
                    address: FlashRegion.ospiBase,
                    bytes: sectors.keys.sorted().flatMap { sectors[$0] ?? [] })
            ])
            sectors = [:]
            state = .factoryFresh(.stm32l562xE)

            var model: AppModel?
            var screen: ScreenBuffer?
            var openTime = 0.0, loadTime = 0.0, modelTime = 0.0, viewTime = 0.0
            let firstFrame = milliseconds(
                try clock.measure {
                    var store: DeviceStore?
                    openTime = milliseconds(try clock.measure { store = try DeviceStore.open(at: path) })
                    guard let store else { return }
                    var loaded: DeviceState?
                    loadTime = milliseconds(try clock.measure { loaded = try store.load() })
                    guard let loaded else { return }
                    modelTime = milliseconds(
                        clock.measure { model = AppModel(state: loaded, deviceName: "full-ospi.fsdev", size: size) })
                    guard let model else { return }
                    viewTime = milliseconds(clock.measure { screen = App.view(model, size: size) })
                })
            guard var model, let screen else { fatalError("no first frame") }
            let holding = model.ospiMap?.states.filter { $0 != .erased }.count ?? 0
            guard screen.lines.contains(where: { $0.contains("OCTOSPI") }) else {
                fatalError("the first frame has no OCTOSPI map")
            }

            // Frames: the embedded flash, then the OCTOSPI flash with its hex view, zoomed to one sector a cell.
            func average(_ model: AppModel) -> Double {
                var last: ScreenBuffer?
                let total = milliseconds(clock.measure { for _ in 0..<frames { last = App.view(model, size: size) } })
                precondition(last != nil)
                return total / Double(frames)
            }
            let embedded = average(model)
            _ = App.update(&model, .key(.char("o")))
            let ospiFit = average(model)
            for _ in 0..<20 { _ = App.update(&model, .key(.char("+"))) }
            let ospiZoomed = average(model)

            // `v` with the 64 MiB file loaded (P, then n at the question: kept, unprogrammed).
            let planned = App.update(&model, .imageLoaded(path: "full.bin", image: fullImage))
            for case .startOperation(let plan) in planned {
                _ = App.update(&model, .operationFinished(id: plan.id, .failed("not planned in the benchmark")))
            }
            _ = App.update(&model, .key(.char("n")))
            // The update loop only hands the comparison over; the runner's thread does it.
            var started: [AppEffect] = []
            let verifyUpdate = milliseconds(clock.measure { started = App.update(&model, .key(.char("v"))) })
            guard case .startComparison(let job)? = started.first else { fatalError("v started no comparison") }
            var outcome: ComparisonOutcome?
            let verifyOff = milliseconds(clock.measure { outcome = job.run() })
            guard case .finished(let comparison)? = outcome, comparison.isEqual else {
                fatalError("verify did not pass: \(String(describing: outcome))")
            }

            func format(_ value: Double) -> String { String(format: "%8.2f ms", value) }
            print(
                "Terminal UI at 240x70 on a device file with a full 64 MiB OCTOSPI flash (\(holding) sectors holding data)"
            )
            print("  create the device file     \(format(createTime))   (set-up, not timed against a target)")
            print("  time to first frame        \(format(firstFrame))   target < 20 ms")
            print("    open the store           \(format(openTime))")
            print("    load the state           \(format(loadTime))")
            print("    build the app model      \(format(modelTime))")
            print("    render the first frame   \(format(viewTime))")
            print("  frame (App.view), average of \(frames):                 target < 2 ms")
            print("    cursor on the embedded flash        \(format(embedded))")
            print("    cursor on the OCTOSPI flash (fit)   \(format(ospiFit))")
            print("    cursor on the OCTOSPI flash (1:1)   \(format(ospiZoomed))")
            print("  v with the 64 MiB file loaded")
            print("    the update loop is held     \(format(verifyUpdate))")
            print("    the comparison, off the loop \(format(verifyOff))")
        } catch {
            print("bench-tui failed: \(error)")
            exit(1)
        }

    }
}
