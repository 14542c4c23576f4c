/// The benchmarks behind scripts/bench-*: one executable, one subcommand each.
/// `bench NAME ARGUMENTS...`; each benchmark sees its arguments as if it were run alone.
@main
struct Bench {
    static let benchmarks: [(name: String, run: @Sendable ([String]) throws -> Void)] = [
        ("core", CoreBenchmark.main), ("emulation", EmulationBenchmark.main), ("formats", FormatsBenchmark.main),
        ("ospi", OSPIBenchmark.main), ("tui", TUIBenchmark.main),
    ]

    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count > 1, let benchmark = benchmarks.first(where: { $0.name == arguments[1] }) else {
            print("usage: bench \(benchmarks.map(\.name).joined(separator: "|")) [ARGUMENTS...]")
            return
        }
        try benchmark.run([arguments[0]] + arguments.dropFirst(2))
    }
}
