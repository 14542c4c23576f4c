import ArgumentParser
import FlashCore
import FlashEmulation

struct AlgoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "algo", abstract: "Vendor CMSIS flash algorithms (.FLM files, probe-rs target descriptions).",
        subcommands: [AlgoListCommand.self, AlgoCheckCommand.self])
}
