import ArgumentParser
import DebugServer
import Foundation

/// `flashscope serve`: the simulated chip as a debug target for OpenOCD's remote_bitbang adapter
/// and for gdb (`--gdb`), side by side on one target.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the device to OpenOCD as a JTAG target (remote_bitbang) and to gdb (--gdb).",
        discussion: """
            Prints `remote-bitbang HOST:PORT` and `gdb HOST:PORT` on standard output once listening (port 0 \
            picks a free port); logs go to standard error. One client per listener; SIGINT or SIGTERM stops it \
            with the device saved. A gdb `load` is one journaled operation through the engine. \
            What a client changes is journaled per unlock-to-lock stretch, so `log` lists it and `undo` reverts it. \
            See Examples/openocd-flashscope.cfg. `flashscope tui` takes the same listener options and shows the \
            client at work.
            """)

    @OptionGroup var options: DeviceOptions
    @OptionGroup var listeners: ListenerOptions
    @OptionGroup var vendor: AlgorithmFileOptions

    func validate() throws {
        if !listeners.any { throw ValidationError("give --remote-bitbang PORT, --gdb PORT or both") }
    }

    func run() throws {
        let store = try options.openStore()
        let log: (String) -> Void = { line in
            FileHandle.standardError.write(Data("flashscope serve: \(line)\n".utf8))
        }
        let chip = try ServedChip(store: store, listeners: listeners, vendor: vendor, log: log)
        StopSignals.install()
        // Unbuffered, so a script reading the lines sees them before the first client arrives.
        FileHandle.standardOutput.write(Data(chip.ready.map { $0 + "\n" }.joined().utf8))
        ServeLoop(endpoints: chip.endpoints, log: log).run()
        try chip.journal.save()
        log("stopped; \(chip.journal.saved) operation(s) journaled")
    }
}
