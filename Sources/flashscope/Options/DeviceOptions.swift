import ArgumentParser
import DeviceStore
import FlashCore
import Foundation

/// `--device` and `--json`, shared by every command.
struct DeviceOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The device file. Default: $FLASHSCOPE_DEVICE, else default.fsdev in $XDG_DATA_HOME/flashscope (or ~/.local/share/flashscope).",
            valueName: "path"))
    var device: String?

    @Flag(name: .long, help: "Print one JSON document on stdout.")
    var json = false

    /// The device file path and whether it is the implicit default (created on first use).
    var resolvedPath: (path: String, isDefault: Bool) {
        if let device { return (device, false) }
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["FLASHSCOPE_DEVICE"], !path.isEmpty { return (path, false) }
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() + "/.local/share")
        return (dataHome + "/flashscope/default.fsdev", true)
    }

    /// Opens the device file; the default one is created factory-fresh on first use.
    /// A command that only reads opens it with `.read`, so a file it cannot write still works.
    func openStore(_ access: DeviceStore.Access = .readWrite) throws -> DeviceStore {
        let (path, isDefault) = resolvedPath
        if isDefault { return try DeviceStore.openOrCreate(at: path, part: .defaultPart, access: access) }
        return try DeviceStore.open(at: path, access: access)
    }

    /// The stored state, or a factory-fresh default part when there is no device file (for read-only questions).
    func stateIfAny() throws -> DeviceState {
        let (path, _) = resolvedPath
        guard FileManager.default.fileExists(atPath: path) else { return .factoryFresh(.defaultPart) }
        return try DeviceStore.open(at: path, access: .read).load()
    }
}

/// A device opened for one command: the store, the machine built from it and the engine.
struct DeviceSession {
    let store: DeviceStore
    let machine: Machine
    let engine: FlashEngine
    /// The state before this command, which the journal keeps for undo.
    let initial: DeviceState

    init(_ options: DeviceOptions, access: DeviceStore.Access = .readWrite) throws {
        store = try options.openStore(access)
        initial = try store.load()
        // A command saves at most `savedLimit` trace entries, so it records no more: a 64 MiB program stays lean.
        machine = Machine(state: initial, traceLimit: TraceRecorder.savedLimit)
        engine = FlashEngine(machine: machine)
    }

    /// Saves the machine's state and the operation in one transaction; `subject` (the file
    /// programmed) leads its summary in the history.
    func commit(_ result: OperationResult, command: String, subject: String? = nil) throws {
        let record = OperationRecord(result, command: command, trace: machine.renderedTrace(), subject: subject)
        try store.save(machine.state, changes: machine.changes, operation: record)
    }
}

/// The command line as typed, for the history.
var commandLine: String {
    (["flashscope"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
}
