import DebugPort
import DebugServer
import DeviceStore
import FlashCore
import FlashEmulation

/// The simulated chip as a debug target: the machine loaded from the device file, its debug port and
/// emulated core, the journal that saves what clients do, and the listeners asked for. `serve` runs
/// it in the foreground; `tui` runs it beside the screen.
final class ServedChip {
    let machine: Machine
    let target: DebugTarget
    let journal: DebugJournal
    let endpoints: [ServeEndpoint]
    /// `remote-bitbang HOST:PORT`, `gdb HOST:PORT`: the readiness lines, one per listener.
    let ready: [String]

    /// A client's session as the caller wants it (the UI watches each one); given the listener's kind and the peer.
    typealias SessionWrapper = (_ session: any ClientSession, _ client: String) -> any ClientSession

    init(
        store: DeviceStore, listeners: ListenerOptions, vendor: AlgorithmFileOptions,
        log: @escaping (String) -> Void, wrap: @escaping SessionWrapper = { session, _ in session }
    ) throws {
        let machine = Machine(state: try store.load(), traceLimit: TraceRecorder.savedLimit)
        let sram = SRAM()
        let executor = Self.emulatedCore(machine: machine, sram: sram, log: log)
        let target = DebugTarget(
            machine: machine, sram: sram, executor: executor,
            boundaryScanIDCODE: machine.controller.assumptions.debug.boundaryScanIDCODEValue)
        target.log = log
        let journal = DebugJournal(store: store, machine: machine)
        let pace = listeners.clock == .host ? HostPace(machine.clock) : nil
        let wrap: SessionWrapper = { session, client in
            wrap(pace.map { PacedSession(session, pace: $0) } ?? session, client)
        }
        var endpoints: [ServeEndpoint] = []
        var ready: [String] = []
        if let port = listeners.remoteBitbang {
            let listener = try Self.listen(listeners.bind, port)
            ready.append("remote-bitbang \(listener.host):\(listener.port)")
            endpoints.append(
                ServeEndpoint(listener: listener, busyMessage: "flashscope: busy with another client") { peer in
                    wrap(
                        BitbangSession(peer: peer, target: target, journal: journal, log: log),
                        "remote-bitbang client \(peer)")
                })
        }
        if let port = listeners.gdb {
            // A vendor file is read and checked now, so a bad one fails before anything listens.
            if vendor.file != nil { _ = try vendor.emulated(covering: FlashLayout.nonSecureBase) }
            let vendorAlgorithm: GDBSession.VendorChoice? =
                vendor.file == nil ? nil : { [vendor] address in try vendor.emulated(covering: address) }
            let listener = try Self.listen(listeners.bind, port)
            ready.append("gdb \(listener.host):\(listener.port)")
            let algorithm = listeners.algorithm
            // gdb would take a plain busy line for protocol noise: the second client is just closed.
            endpoints.append(
                ServeEndpoint(listener: listener, busyMessage: "") { peer in
                    wrap(
                        GDBSession(
                            peer: peer, target: target, journal: journal, algorithm: algorithm,
                            vendor: vendorAlgorithm, log: log),
                        "gdb client \(peer)")
                })
        }
        self.machine = machine
        self.target = target
        self.journal = journal
        self.endpoints = endpoints
        self.ready = ready
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

    private static func listen(_ host: String, _ port: UInt16) throws -> TCPListener {
        do {
            return try TCPListener(host: host, port: port)
        } catch {
            throw CommandFailure("serve: \(error)", status: ExitStatus.unavailable)
        }
    }
}
