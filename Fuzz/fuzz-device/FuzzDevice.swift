#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DeviceStore
import FlashCore
import FuzzSupport
import Foundation

/// Opens arbitrary bytes as a device file, as every command does: load the state (and each
/// OCTOSPI sector), list the journal, read the last trace and the snapshots, then undo and
/// redo. Any error is fine; a trap is a bug, and so is an undo that leaves a file that no
/// longer loads.
enum FuzzDevice {
    static let directory: String = {
        let path = NSTemporaryDirectory() + "fuzz-device-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()
    static let path = directory + "/device.fsdev"

    static func run(_ bytes: [UInt8]) -> String {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return "cannot write \(path)" }
        do {
            let store = try DeviceStore.open(at: path, access: .read)
            let state = try store.load()
            var sectors = 0
            for offset in state.ospi?.offsets ?? [] where state.ospi?.sector(at: offset) != nil { sectors += 1 }
            let operations = try store.operations()
            let trace = try store.lastOperation()?.record.trace.count ?? 0
            let snapshots = try store.snapshots()
            for snapshot in snapshots { _ = try store.snapshotState(snapshot.name) }
            return
                "ok: \(sectors) sectors, \(operations.count) operations, \(trace) trace entries, \(snapshots.count) snapshots"
                + history()
        } catch {
            return error.description
        }
    }

    /// Undo and redo on the same file: each either fails or leaves a file that loads.
    private static func history() -> String {
        var outcome = ""
        for step in ["undo", "redo"] {
            do {
                let store = try DeviceStore.open(at: path)
                if step == "undo" { try store.undo() } else { try store.redo() }
                outcome += "; \(step) ok"
            } catch {
                outcome += "; \(step): \(error)"
                continue
            }
            do { _ = try DeviceStore.open(at: path, access: .read).load() } catch {
                fatalError("\(step) succeeded but left a device file that does not load: \(error)")
            }
        }
        return outcome
    }
}

#if FUZZING
@_cdecl("fuzz_device_main")
public func fuzzDeviceMain(_ argc: Int32, _ argv: FuzzArguments) -> Int32 {
    LibFuzzer.runDriver(argc, argv) { _ = FuzzDevice.run($0) }
}
#else
/// Without the fuzzer: `fuzz-device FILE...` opens each file and reports;
/// `fuzz-device --seeds DIR` writes the seed corpus there.
@main
struct FuzzDeviceMain {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--seeds", arguments.count == 2 {
            do { try SeedFiles.write(to: arguments[1]) } catch {
                print("cannot write seeds: \(error)")
                exit(1)
            }
            return
        }
        LibFuzzer.replay(arguments, FuzzDevice.run)
    }
}
#endif
