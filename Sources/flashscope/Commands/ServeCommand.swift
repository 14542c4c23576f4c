import ArgumentParser
import DebugPort
import DebugServer
import DeviceStore
import FlashCore
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
        let target = DebugTarget(
            machine: machine, executor: nil,
            boundaryScanIDCODE: machine.controller.assumptions.debug.boundaryScanIDCODEValue)
        target.log = log
        log("the emulated core is not wired in yet: a resumed core sleeps until halted")
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
}
