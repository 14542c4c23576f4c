import ArgumentParser
import FlashCore
import FlashEmulation

struct AlgoListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Show each algorithm in a file: address range, page size, entry points, sectors."
    )

    @Argument(help: "A .FLM file or a probe-rs target description (YAML).")
    var file: String

    @Flag(help: "Print one JSON document on stdout.")
    var json = false

    func run() throws {
        let algorithms = try AlgorithmFileOptions.load(file)
        if json {
            JSONOutput.print(["file": file, "algorithms": algorithms.map(AlgorithmText.json)])
        } else {
            print(algorithms.map(AlgorithmText.render).joined(separator: "\n\n"))
        }
    }
}
