import ArgumentParser
import DeviceStore
import FlashCore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a factory-fresh device file.")

    @OptionGroup var options: DeviceOptions

    @Option(help: ArgumentHelp("The part: \(Part.catalog.map(\.name).joined(separator: ", ")).", valueName: "name"))
    var part: String = Part.defaultPart.name

    @Option(
        name: .customLong("assume"), help: ArgumentHelp("Set a model assumption (see `info`).", valueName: "name=value")
    )
    var assumptions: [String] = []

    @Flag(help: "Replace an existing device file.")
    var force = false

    func run() throws {
        guard let chosen = Part.named(part) else {
            throw CommandFailure(
                "unknown part '\(part)' (known: \(Part.catalog.map(\.name).joined(separator: ", ")))",
                status: ExitStatus.usage)
        }
        var state = DeviceState.factoryFresh(chosen)
        for setting in assumptions {
            do { try state.assumptions.apply(setting) } catch {
                throw CommandFailure("--assume \(setting): \(error)", status: ExitStatus.usage)
            }
        }
        let path = options.resolvedPath.path
        state.uid = DeviceStore.newUID(part: chosen, path: path)
        try DeviceStore.create(at: path, state: state, force: force)
        if options.json {
            JSONOutput.print(["device": path, "part": chosen.name])
        } else {
            print("created \(path): \(chosen.name), factory option bytes, flash erased")
        }
    }
}
