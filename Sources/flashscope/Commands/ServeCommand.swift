import ArgumentParser
import DebugPort
import DebugServer
import DeviceStore
import FlashCore
import FlashEmulation
import Foundation

/// `flashscope serve`: the simulated chip as a debug target for OpenOCD's remote_bitbang adapter.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the device to OpenOCD as a JTAG target (remote_bitbang).",
        discussion: """
            Prints `remote-bitbang HOST:PORT` on standard output once listening (port 0 picks a free port); \
            logs go to standard error. One client at a time; SIGINT or SIGTERM stops it with the device saved. \
            What a client changes is journaled per unlock-to-lock stretch, so `log` lists it and `undo` reverts it. \
            See Examples/openocd-flashscope.cfg.
            """)

    @OptionGroup var options: DeviceOptions

    @Option(
        name: .customLong("remote-bitbang"),
        help: ArgumentHelp("TCP port for OpenOCD's remote_bitbang adapter.", valueName: "port"))
    var remoteBitbang: UInt16

    @Option(
        help: ArgumentHelp("Address to listen on (IPv4). Default: 127.0.0.1, this machine only.", valueName: "address"))
    var bind = "127.0.0.1"

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
        let listener: TCPListener
        do {
            listener = try TCPListener(host: bind, port: remoteBitbang)
        } catch {
            throw CommandFailure("serve: \(error)", status: ExitStatus.unavailable)
        }
        StopSignals.install()
        // Unbuffered, so a script reading the line sees it before the first client arrives.
        FileHandle.standardOutput.write(Data("remote-bitbang \(listener.host):\(listener.port)\n".utf8))
        ServeLoop(listener: listener, log: log).run(busyMessage: "flashscope: busy with another client") { peer in
            BitbangSession(peer: peer, target: target, journal: journal, log: log)
        }
        try journal.save()
        log("stopped; \(journal.saved) operation(s) journaled")
    }

    /// The Cortex-M33 on Unicorn; without the library the debug port still works and a resumed core sleeps.
    static func emulatedCore(machine: Machine, sram: SRAM, log: (String) -> Void) -> EmulatedCortexM33? {
        do {
            let core = try EmulatedCortexM33(
                machine: machine, sram: sram.bytes, sramBases: [SRAM.base, SRAM.secureBase])
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
}
