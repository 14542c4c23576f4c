import ArgumentParser
import DebugPort
import DebugServer
import DeviceStore
import FlashCore
import FlashEmulation
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
            See Examples/openocd-flashscope.cfg.
            """)

    @OptionGroup var options: DeviceOptions

    @Option(
        name: .customLong("remote-bitbang"),
        help: ArgumentHelp("TCP port for OpenOCD's remote_bitbang adapter.", valueName: "port"))
    var remoteBitbang: UInt16?

    @Option(help: ArgumentHelp("TCP port for gdb's remote protocol (`target extended-remote`).", valueName: "port"))
    var gdb: UInt16?

    @Option(
        help: ArgumentHelp(
            "The flash algorithm gdb's `load` uses: \(FlashEngine.algorithmNames.joined(separator: ", ")).",
            valueName: "name"))
    var algorithm: String = FlashEngine.defaultAlgorithm

    @OptionGroup var vendor: AlgorithmFileOptions

    @Option(
        help: ArgumentHelp("Address to listen on (IPv4). Default: 127.0.0.1, this machine only.", valueName: "address"))
    var bind = "127.0.0.1"

    func validate() throws {
        if remoteBitbang == nil && gdb == nil {
            throw ValidationError("give --remote-bitbang PORT, --gdb PORT or both")
        }
        if !FlashEngine.algorithmNames.contains(algorithm) {
            throw ValidationError(
                "no algorithm named '\(algorithm)' (known: \(FlashEngine.algorithmNames.joined(separator: ", ")))")
        }
    }

    func run() throws {
        let store = try options.openStore()
        let machine = Machine(state: try store.load(), traceLimit: TraceRecorder.savedLimit)
        let log: (String) -> Void = { line in
            FileHandle.standardError.write(Data("flashscope serve: \(line)\n".utf8))
        }
        let sram = SRAM()
        let executor = Self.emulatedCore(machine: machine, sram: sram, log: log)
        let target = DebugTarget(
            machine: machine, sram: sram, executor: executor,
            boundaryScanIDCODE: machine.controller.assumptions.debug.boundaryScanIDCODEValue)
        target.log = log
        let journal = DebugJournal(store: store, machine: machine)
        var endpoints: [ServeEndpoint] = []
        var ready: [String] = []
        if let remoteBitbang {
            let listener = try listen(remoteBitbang)
            ready.append("remote-bitbang \(listener.host):\(listener.port)")
            endpoints.append(
                ServeEndpoint(listener: listener, busyMessage: "flashscope: busy with another client") { peer in
                    BitbangSession(peer: peer, target: target, journal: journal, log: log)
                })
        }
        if let gdb {
            // A vendor file is read and checked now, so a bad one fails before anything listens.
            if vendor.file != nil { _ = try vendor.emulated(covering: FlashLayout.nonSecureBase) }
            let vendorAlgorithm: GDBSession.VendorChoice? =
                vendor.file == nil ? nil : { [vendor] address in try vendor.emulated(covering: address) }
            let listener = try listen(gdb)
            ready.append("gdb \(listener.host):\(listener.port)")
            // gdb would take a plain busy line for protocol noise: the second client is just closed.
            endpoints.append(
                ServeEndpoint(listener: listener, busyMessage: "") { [algorithm] peer in
                    GDBSession(
                        peer: peer, target: target, journal: journal, algorithm: algorithm, vendor: vendorAlgorithm,
                        log: log)
                })
        }
        StopSignals.install()
        // Unbuffered, so a script reading the lines sees them before the first client arrives.
        FileHandle.standardOutput.write(Data(ready.map { $0 + "\n" }.joined().utf8))
        ServeLoop(endpoints: endpoints, log: log).run()
        try journal.save()
        log("stopped; \(journal.saved) operation(s) journaled")
    }

    /// The Cortex-M33 on Unicorn; without the library the debug port still works and a resumed core sleeps.
    static func emulatedCore(machine: Machine, sram: SRAM, log: (String) -> Void) -> EmulatedCortexM33? {
        do {
            let core = try EmulatedCortexM33(machine: machine, sram: sram)
            log("core: \(core.cpuModel) on Unicorn")
            return core
        } catch .libraryMissing {
            log(
                "core: not emulated without libunicorn2 (apt-get install libunicorn2); a resumed core sleeps until halted"
            )
            return nil
        } catch {
            log("core: not emulated (\(error)); a resumed core sleeps until halted")
            return nil
        }
    }

    private func listen(_ port: UInt16) throws -> TCPListener {
        do {
            return try TCPListener(host: bind, port: port)
        } catch {
            throw CommandFailure("serve: \(error)", status: ExitStatus.unavailable)
        }
    }
}
