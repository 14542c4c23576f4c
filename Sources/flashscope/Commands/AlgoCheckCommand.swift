import ArgumentParser
import FlashCore
import FlashEmulation

struct AlgoCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "Run an algorithm across DBANK, SWAP_BANK, TZEN and flash sizes and report where it differs from bank-aware.",
        discussion:
            "Exit status: 0 no finding; 2 findings were made; 69 libunicorn2 is missing; 65/66 the file is bad or cannot be opened."
    )

    @Argument(help: "A .FLM file or a probe-rs target description (YAML).")
    var file: String

    @Option(
        name: .customLong("algorithm-name"),
        help: ArgumentHelp("Which algorithm of the file (default: every embedded-flash one).", valueName: "name"))
    var name: String?

    @Flag(help: "Print one JSON document on stdout.")
    var json = false

    func run() throws {
        let algorithms = try AlgorithmFileOptions.load(file)
        let chosen = try choose(algorithms)
        var reports: [AuditReport] = []
        for vendor in chosen {
            let audit = AlgorithmAudit(vendor)
            if !json { audit.progress = ProgressLine.configurations() }
            do {
                reports.append(try audit.run())
            } catch {
                ProgressLine.clear()
                _ = try AlgorithmFileOptions.emulate(vendor)  // the one-line message and status for a missing library
                throw CommandFailure("\(vendor.name): \(error)", status: ExitStatus.unavailable)
            }
            ProgressLine.clear()
        }
        if json {
            JSONOutput.print(["file": file, "reports": reports.map(AuditText.json)])
        } else {
            print(reports.map(AuditText.render).joined(separator: "\n\n"))
        }
        if reports.contains(where: { !$0.findings.isEmpty }) { throw CommandFailure.silent(ExitStatus.auditFindings) }
    }

    private func choose(_ algorithms: [VendorAlgorithm]) throws -> [VendorAlgorithm] {
        if let name {
            guard let found = algorithms.first(where: { $0.name == name }) else {
                throw CommandFailure(
                    "\(file): no algorithm named '\(name)' (the file has: \(algorithms.map(\.name).joined(separator: ", ")))",
                    status: ExitStatus.usage)
            }
            return [found]
        }
        let embedded = algorithms.filter { FlashRegion.of($0.start) == .flash && $0.end - UInt64($0.start) > 0x1000 }
        return embedded.isEmpty ? algorithms : embedded
    }
}
