import DebugPort
import DebugServer
import DeviceStore
import FlashCore

/// One OpenOCD connection on the remote_bitbang listener: its bytes drive the target's pins,
/// a running core runs between batches, and what it changes is journaled as it settles.
final class BitbangSession: ClientSession {
    /// Instructions a running core executes between two looks at the socket. Small: remote_bitbang
    /// waits for the answer to each TDO read, so a long slice would delay every read the client
    /// makes while a loader runs (OpenOCD polls the loader's FIFO pointers over the wire).
    static let slice: UInt64 = 500
    private let target: DebugTarget
    private let journal: DebugJournal
    private let log: (String) -> Void
    private var wire = RemoteBitbang()
    private var replies: [UInt8] = []
    /// Batches that carried TDO reads, each answered at once: the round trips the client waited
    /// on, which bound its speed (remote_bitbang asks for the TDO of every scan it checks).
    private var exchanges = 0

    init(peer: String, target: DebugTarget, journal: DebugJournal, log: @escaping (String) -> Void) {
        self.target = target
        self.journal = journal
        self.log = log
        journal.begin(client: "remote-bitbang client \(peer)")
    }

    func received(_ bytes: ArraySlice<UInt8>) -> (reply: [UInt8], close: String?) {
        replies.removeAll(keepingCapacity: true)
        // The trace names the accesses this client's bits make (reaching the bus through the AP).
        target.machine.trace.debuggerPath = .jtagAccessPort
        let outcome = wire.consume(bytes, pins: target, replies: &replies)
        if !replies.isEmpty { exchanges += 1 }
        var close: String?
        switch outcome {
        case .proceed: break
        case .quit: close = "quit"
        case .malformed(let byte, let offset):
            close =
                "not a remote_bitbang command: byte 0x\(String(byte, radix: 16, uppercase: true)) at offset \(offset)"
        }
        target.followSystemResets()
        checkpoint()
        return (replies, close)
    }

    /// A slice that made no bus access: the core only spins on SRAM (OpenOCD's loader waiting for
    /// its FIFO), so the loop may wait for the client instead of spinning it again at once.
    private(set) var idleWaitMilliseconds: Int32 = 0

    func idle() -> Bool {
        guard target.core.runState == .running else { return false }
        idleWaitMilliseconds = target.runSlice(instructions: Self.slice) ? 0 : 1
        target.followSystemResets()
        checkpoint()
        return target.core.runState == .running
    }

    func ended(_ reason: String) {
        log("remote-bitbang client: \(wire.received) pin bytes, \(exchanges) round trips answered")
        do {
            try journal.save()
        } catch {
            log("cannot save the device: \(error)")
        }
    }

    private func checkpoint() {
        do {
            try journal.checkpointIfSettled()
        } catch {
            log("cannot save the device: \(error)")
        }
    }
}
