#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FlashEmulation
import Foundation
import FuzzSupport
import Yams

/// Feeds arbitrary bytes to one algorithm reader: FUZZ_READER=flm (the FLM/ELF reader) or
/// yaml (the probe-rs target reader); unset, the first input byte chooses (even: flm).
/// Whatever a reader returns must be within `AlgorithmLimits`, or the run stops.
enum FuzzAlgorithms {
    static let chosen: String? = getenv("FUZZ_READER").map { String(cString: $0) }

    static func run(_ input: [UInt8]) -> String {
        var bytes = input
        let reader: String
        if let chosen {
            reader = chosen
        } else {
            guard let first = bytes.first else { return "empty" }
            bytes.removeFirst()
            reader = first % 2 == 0 ? "flm" : "yaml"
        }
        if reader == "yaml" { checkNestingEstimate(bytes) }
        do {
            let algorithms =
                reader == "flm"
                ? [try FLMReader.read(bytes, file: "fuzz.FLM")]
                : try ProbeRsTargetReader.read(String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml")
            for algorithm in algorithms { checkBounded(algorithm) }
            return "ok: \(algorithms.count) algorithms"
        } catch {
            if error.description.contains("\n") { fatalError("a message of more than one line: \(error.description)") }
            return error.description
        }
    }

    /// The reader's pre-scan must never estimate less nesting than Yams then builds; where
    /// it does, deep input could reach Yams's recursion (and an alias it missed shows as a
    /// deeper tree). Only text the scan passes is parsed.
    static func checkNestingEstimate(_ bytes: [UInt8]) {
        guard YAMLPreScan.problem(in: bytes) == nil else { return }
        let estimate = YAMLPreScan.deepestEstimate(bytes)
        guard let root = try? Yams.compose(yaml: String(decoding: bytes, as: UTF8.self)) else { return }
        var pending = [(root, 1)]
        var visited = 0
        while let (node, depth) = pending.popLast(), visited <= bytes.count {
            visited += 1
            if node.scalar == nil && depth > estimate {
                fatalError("the pre-scan estimated \(estimate) levels; Yams built \(depth)")
            }
            switch node {
            case .scalar: break
            case .sequence(let items): pending += items.map { ($0, depth + 1) }
            case .mapping(let pairs): pending += pairs.flatMap { [($0.key, depth + 1), ($0.value, depth + 1)] }
            }
        }
    }

    /// The limits the readers promise, restated so the fuzzer notices if one slips.
    static func checkBounded(_ algorithm: VendorAlgorithm) {
        let rangeSize = algorithm.end - UInt64(algorithm.start)
        guard algorithm.blob.count <= Int(Emulator.ramSize), algorithm.pageSize > 0,
            algorithm.pageSize <= Emulator.ramSize,
            rangeSize > 0, algorithm.end <= 0x1_0000_0000, !algorithm.sectors.isEmpty
        else {
            fatalError("\(algorithm.name): blob, page size or range beyond the limits")
        }
        for run in algorithm.sectors
        where run.size == 0 || run.size > AlgorithmLimits.maximumSectorSize
            || UInt64(run.address) + UInt64(run.size) > rangeSize
        {
            fatalError("\(algorithm.name): sector run \(run) beyond the limits")
        }
        guard algorithm.sector(containing: algorithm.start &+ algorithm.sectors[0].address) != nil else {
            fatalError("\(algorithm.name): no sector where the first run starts")
        }
    }
}

#if FUZZING
/// SwiftPM links an executable's entry point as `<module>_main`; libFuzzer's driver takes over there.
@_cdecl("fuzz_algorithms_main")
public func fuzzAlgorithmsMain(_ argc: Int32, _ argv: FuzzArguments) -> Int32 {
    LibFuzzer.runDriver(argc, argv) { _ = FuzzAlgorithms.run($0) }
}
#else
/// Without the fuzzer: reads each file named on the command line and reports.
@main
struct FuzzAlgorithmsMain {
    static func main() { LibFuzzer.replay(CommandLine.arguments.dropFirst(), FuzzAlgorithms.run) }
}
#endif
