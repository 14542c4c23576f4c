import ArgumentParser
import DeviceStore
import FlashCore

struct AssumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assume",
        abstract: "Switch model assumptions for the uncertain facts (see `info` for the list).")

    @OptionGroup var options: DeviceOptions

    @Argument(help: ArgumentHelp("Settings such as bker-under-swap=logical.", valueName: "name=value"))
    var settings: [String] = []

    @Flag(help: "Put every assumption back to its default.")
    var reset = false

    func run() throws {
        let store = try options.openStore()
        var state = try store.load()
        var assumptions = reset ? ModelAssumptions() : state.assumptions
        for setting in settings {
            do { try assumptions.apply(setting) } catch {
                throw CommandFailure("\(setting): \(error)", status: ExitStatus.usage)
            }
        }
        if assumptions != state.assumptions {
            state.assumptions = assumptions
            try store.save(state, changes: .settingsOnly)
        }
        if options.json {
            JSONOutput.print(assumptions.settings)
        } else {
            for spec in ModelAssumptions.specs {
                print("\(spec.name) = \(spec.value(in: assumptions))")
            }
        }
    }
}
