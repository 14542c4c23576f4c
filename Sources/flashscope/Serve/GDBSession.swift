import DebugPort
import DebugServer
import FlashCore
import GDBRemote

/// One gdb connection on the `--gdb` listener (debug-port.md §7): the remote protocol on the
/// debug target. Registers come from the core, memory goes over the bus with the debugger's
/// origin, a `load` runs through the engine as one journaled operation, and `monitor` commands
/// answer what the command line would print.
final class GDBSession: ClientSession {
    /// Instructions a running core executes between two looks at the socket.
    static let slice: UInt64 = 50_000
    let target: DebugTarget
    let journal: DebugJournal
    let log: (String) -> Void
    let peer: String
    private var connection = RemoteConnection()
    /// The map gdb was given; a layout change after OBL_LAUNCH ends the connection (gdb reads it once).
    private(set) var map: MemoryMap
    var load = GDBFlashLoad()
    /// Host time the current load has taken so far, logged at vFlashDone.
    var loadTimings = GDBLoadTimings()
    /// A vendor algorithm (`--algorithm-file`) for a load whose first byte is at an address: a fresh one each time.
    typealias VendorChoice = (UInt32) throws -> (any FlashAlgorithm)?
    /// The built-in algorithm `load` uses (`--algorithm`, `monitor algorithm`).
    var algorithm: String
    /// The vendor file's algorithm, used instead until `monitor algorithm` picks a built-in one.
    var vendor: VendorChoice?
    /// The last operation run for this client, for `monitor result`.
    var lastResult: OperationResult?
    /// Its trace, kept past the save that clears the machine's (for `monitor trace`).
    var lastTrace: [RenderedTraceEntry] = []
    /// An operation whose journal entry is saved once gdb is quiet.
    var unsaved: (result: OperationResult, command: String)?
    /// How long gdb must send nothing before a waiting journal entry is saved (the loop wakes every 200 ms).
    static let quietSpell = Duration.milliseconds(150)
    private var lastPacket = ContinuousClock.now
    /// gdb is waiting for a stop reply (after c, s, vCont).
    private var resumed = false
    private var breakpoints = [UInt32?](repeating: nil, count: BreakpointUnit.comparatorCount)
    /// Watchpoints gdb inserted, with the DWT comparators each holds.
    var watches: [Watch] = []
    private var output: [UInt8] = []
    private var pendingConsole: [String] = []
    private var closing: String?

    init(
        peer: String, target: DebugTarget, journal: DebugJournal, algorithm: String, vendor: VendorChoice? = nil,
        log: @escaping (String) -> Void
    ) {
        self.vendor = vendor
        self.peer = peer
        self.target = target
        self.journal = journal
        self.algorithm = algorithm
        self.log = log
        map = GDBMemoryMap.make(target.machine)
        journal.begin(client: "gdb client \(peer)")
        // gdb expects a stopped target when it connects.
        target.core.debuggerHalt()
    }

    // MARK: ClientSession

    func received(_ bytes: ArraySlice<UInt8>) -> (reply: [UInt8], close: String?) {
        lastPacket = .now
        target.machine.trace.debuggerPath = .gdbRemote
        // While a load is collected, each batch (decoding, unescaping, collecting) is timed.
        guard !load.isEmpty else { return receive(bytes) }
        let start = ContinuousClock.now
        let reply = receive(bytes)
        if !load.isEmpty { loadTimings.collected(bytes: bytes.count, in: ContinuousClock.now - start) }
        return reply
    }

    private func receive(_ bytes: ArraySlice<UInt8>) -> (reply: [UInt8], close: String?) {
        let (events, send) = connection.receive(bytes)
        output += send
        for event in events {
            guard closing == nil else { break }
            switch event {
            case .request(let request): handle(request)
            case .interrupt: interrupt()
            case .dropped(let why): log("gdb client \(peer): packet dropped: \(why)")
            }
        }
        target.followSystemResets()
        noticeLayoutChange()
        checkpoint()
        defer { output.removeAll(keepingCapacity: true) }
        return (output, closing)
    }

    func idle() -> Bool {
        if unsaved != nil, ContinuousClock.now - lastPacket >= Self.quietSpell { saveWaitingRecord() }
        guard resumed else { return false }
        if target.core.runState == .running { target.core.advance(instructions: Self.slice) }
        target.followSystemResets()
        if target.core.isHalted {
            resumed = false
            send(stopReply(signal: 5))
        }
        return resumed && target.core.runState == .running
    }

    func takeOutput() -> [UInt8] {
        defer { output.removeAll(keepingCapacity: true) }
        return output
    }

    func ended(_ reason: String) {
        saveWaitingRecord()
        do { try journal.save() } catch { log("cannot save the device: \(error)") }
    }

    // MARK: Replies

    func send(_ payload: [UInt8]) { output += connection.reply(payload) }
    func send(_ text: String) { send(Array(text.utf8)) }
    func console(_ text: String) { send(RemoteConnection.consoleOutput(text)) }
    /// Console text for the next moment gdb accepts it (a monitor command, a stop reply); logged now.
    func later(_ text: String) {
        log("gdb client \(peer): \(text.hasSuffix("\n") ? String(text.dropLast()) : text)")
        pendingConsole.append(text)
    }
    /// Sends the console text that waited.
    func flushConsole() {
        for text in pendingConsole { console(text) }
        pendingConsole.removeAll()
    }
    func close(_ reason: String) { closing = reason }

    /// A stop reply; one that ends a resume comes after any console text that waited (gdb shows `O`
    /// packets while it waits for the target to stop, not in answer to `?`).
    private func stopReply(signal: UInt8, endingResume: Bool = true) -> String {
        if endingResume { flushConsole() }
        if endingResume, signal == 5, let watch = watchStopField { return "T05" + watch }
        return "S" + Hex.encode([signal])
    }

    /// Virtual time one request takes, as a probe's USB round trip would (125 µs, a high-speed
    /// microframe): without it a debugger polling BSY on a halted core would wait for ever,
    /// since only JTAG clocks and a running core otherwise move the clock.
    static let requestTime: UInt64 = 125_000

    private func handle(_ request: Request) {
        target.machine.clock.advance(by: Self.requestTime)
        switch request {
        case .supported:
            send(
                "PacketSize=\(String(RemoteConnection.packetSize, radix: 16));qXfer:features:read+;"
                    + "qXfer:memory-map:read+;QStartNoAckMode+;vContSupported+")
        case .startNoAck:
            send("OK")
            connection.stopAcknowledging()
        case .haltReason: send(stopReply(signal: 5, endingResume: false))
        case .readRegisters: send(Hex.encode(GDBRegisterMap.all.flatMap(registerBytes)))
        case .writeRegisters(let bytes): send(writeRegisters(bytes))
        case .readRegister(let number):
            guard number < GDBRegisterMap.all.count else { return send("E02") }
            send(Hex.encode(registerBytes(GDBRegisterMap.all[number])))
        case .writeRegister(let number, let bytes):
            guard number < GDBRegisterMap.all.count else { return send("E02") }
            send(writeRegister(GDBRegisterMap.all[number], bytes[...]) ? "OK" : "E02")
        case .readMemory(let address, let length): send(readMemory(address, length))
        case .writeMemory(let address, let bytes): send(writeMemory(address, bytes) ? "OK" : "E03")
        case .read(let object, let annex, let offset, let length): send(transfer(object, annex, offset, length))
        case .flashErase(let address, let length): flashErase(address, length)
        case .flashWrite(let address, let bytes): flashWrite(address, bytes)
        case .flashDone: flashDone()
        case .monitor(let line): monitor(line)
        case .resume(let action, let address): resume(action, at: address)
        case .resumeActions(let actions): resume(actions[0], at: nil)
        case .vContQuery: send("vCont;c;C;s;S;t")
        case .insertBreakpoint(let kind, let address, let length) where Self.access(of: kind) != nil:
            send(insertWatchpoint(kind, address, length))
        case .removeBreakpoint(let kind, let address, let length) where Self.access(of: kind) != nil:
            send(removeWatchpoint(kind, address, length))
        case .insertBreakpoint(let kind, let address, _): send(insertBreakpoint(kind, address))
        case .removeBreakpoint(let kind, let address, _): send(removeBreakpoint(kind, address))
        case .crc(let address, let length): send(crc(address, length))
        case .setThread, .extendedMode: send("OK")
        case .currentThread: send("QC1")
        case .threadList: send("m1")
        case .threadListEnd: send("l")
        case .attached: send("1")
        case .run:
            target.systemReset()
            target.core.debuggerHalt()
            send(stopReply(signal: 5, endingResume: false))
        case .detach:
            send("OK")
            detach()
        case .kill:
            // Extended-remote: the chip resets, halted, and gdb may `run` it again.
            target.systemReset()
            target.core.debuggerHalt()
        case .malformed(let why):
            log("gdb client \(peer): \(why)")
            send("E01")
        case .unsupported: send("")
        }
    }

    // MARK: Registers

    private var secureStack: Bool { target.core.stackPointersAreSecure() }

    private func registerBytes(_ entry: GDBRegisterMap.Entry) -> [UInt8] {
        GDBRegisterMap.bytes(entry, in: target.core.registers, secureStack: secureStack)
    }

    private func word(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
    }

    /// Writes one register through DCRSR (two selectors for a d register); false for a wrong length or a running core.
    private func writeRegister(_ entry: GDBRegisterMap.Entry, _ bytes: ArraySlice<UInt8>) -> Bool {
        guard target.core.isHalted,
            let writes = GDBRegisterMap.writes(
                setting: entry, to: bytes, in: target.core.registers, secureStack: secureStack)
        else { return false }
        return writes.allSatisfy { target.core.debuggerWrite($0.selector, $0.value) }
    }

    /// `G`: the whole block as `g` gives it, or a prefix that ends on a register boundary; nothing is
    /// written unless all of it fits.
    private func writeRegisters(_ bytes: [UInt8]) -> String {
        var entries: [(GDBRegisterMap.Entry, ArraySlice<UInt8>)] = []
        var offset = 0
        for entry in GDBRegisterMap.all where offset < bytes.count {
            guard offset + entry.byteCount <= bytes.count else { return "E02" }
            entries.append((entry, bytes[offset..<offset + entry.byteCount]))
            offset += entry.byteCount
        }
        guard offset == bytes.count, target.core.isHalted else { return "E02" }
        for (entry, value) in entries where !writeRegister(entry, value) { return "E02" }
        return "OK"
    }

    // MARK: Memory

    /// The widest access the address and the remaining length allow, as probes split a transfer.
    private func accessSize(_ address: UInt32, remaining: Int) -> AccessSize {
        if address % 4 == 0 && remaining >= 4 { return .word }
        if address % 2 == 0 && remaining >= 2 { return .halfWord }
        return .byte
    }

    /// Reads over the bus as the debugger; nil at the first fault (with what was read before it).
    func readBytes(_ address: UInt32, _ length: Int) -> (bytes: [UInt8], complete: Bool) {
        let bus = target.machine.bus
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        var cursor = address
        while bytes.count < length {
            let size = accessSize(cursor, remaining: length - bytes.count)
            guard let value = bus.with(origin: .debugger, { bus.read(cursor, size: size) }) else {
                return (bytes, false)
            }
            for index in 0..<size.rawValue { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(index)))) }
            let (next, overflow) = cursor.addingReportingOverflow(UInt32(size.rawValue))
            if overflow { return (bytes, bytes.count >= length) }
            cursor = next
        }
        return (bytes, true)
    }

    private func readMemory(_ address: UInt32, _ length: UInt32) -> String {
        // Hex doubles the size: never answer more than the packet size gdb was told.
        let count = min(Int(length), RemoteConnection.packetSize / 2 - 4)
        let (bytes, _) = readBytes(address, count)
        // Fewer bytes than asked is a partial read; none at all is an error (GDB manual, `m`).
        return bytes.isEmpty && count > 0 ? "E03" : Hex.encode(bytes)
    }

    private func writeMemory(_ address: UInt32, _ bytes: [UInt8]) -> Bool {
        let bus = target.machine.bus
        var offset = 0
        while offset < bytes.count {
            let cursor = address &+ UInt32(offset)
            let size = accessSize(cursor, remaining: bytes.count - offset)
            let value = word(bytes[offset..<(offset + size.rawValue)])
            guard bus.with(origin: .debugger, { bus.write(cursor, value, size: size) }) else { return false }
            offset += size.rawValue
        }
        return true
    }

    private func crc(_ address: UInt32, _ length: UInt32) -> String {
        var crc = GDBCRC.initial
        var done: UInt32 = 0
        while done < length {
            let piece = min(length - done, 0x1000)
            let (bytes, complete) = readBytes(address &+ done, Int(piece))
            guard complete else { return "E03" }
            crc = GDBCRC.update(crc, bytes)
            done += piece
        }
        return "C" + String(format8: crc)
    }

    private func transfer(_ object: Request.Object, _ annex: String, _ offset: UInt32, _ length: UInt32) -> [UInt8] {
        switch object {
        case .features:
            guard annex == "target.xml" else { return Array("E00".utf8) }
            return transferReply(Array(GDBRegisterMap.description.xml.utf8), offset: offset, length: length)
        case .memoryMap:
            return transferReply(Array(map.xml.utf8), offset: offset, length: length)
        }
    }

    // MARK: Run control

    private func resume(_ action: Request.Action, at address: UInt32?) {
        let core = target.core
        if let address { core.debuggerWrite(CoreRegisters.Selector.programCounter, address) }
        switch action {
        case .stop:
            interrupt()
        case .step:
            core.debuggerResume(step: true)
            if core.isHalted { send(stopReply(signal: 5)) } else { resumed = true }
        case .continue:
            core.debuggerClearHaltReason()
            core.debuggerResume(step: false)
            if core.isHalted { send(stopReply(signal: 5)) } else { resumed = true }
        }
    }

    /// Ctrl-C: a running (or sleeping) core halts, and gdb hears SIGINT.
    private func interrupt() {
        guard resumed else { return }
        target.core.debuggerHalt()
        resumed = false
        send(stopReply(signal: 2))
    }

    private func detach() {
        for index in breakpoints.indices where breakpoints[index] != nil { setComparator(index, nil) }
        removeAllWatchpoints()
        target.core.debuggerResume(step: false)
        close("detached")
    }

    // MARK: Breakpoints (FPB comparators, written over the bus as a probe writes them)

    private func setComparator(_ index: Int, _ address: UInt32?) {
        typealias C = BreakpointUnit.ComparatorField
        let bus = target.machine.bus
        let value = address.map { C.address.inserting($0 >> 1, into: 0) | C.enable.mask } ?? 0
        bus.with(origin: .debugger) {
            let control = BreakpointUnit.ControlField.key.mask | BreakpointUnit.ControlField.enable.mask
            _ = bus.write(BreakpointUnit.base, control)
            _ = bus.write(BreakpointUnit.base + 8 + 4 * UInt32(index), value)
        }
        breakpoints[index] = address
    }

    private func insertBreakpoint(_ kind: Request.BreakpointKind, _ address: UInt32) -> String {
        guard kind == .software || kind == .hardware else { return "" }
        if breakpoints.contains(address) { return "OK" }
        guard let free = breakpoints.firstIndex(of: nil) else {
            log("gdb client \(peer): all \(BreakpointUnit.comparatorCount) FPB comparators are in use")
            return "E04"
        }
        setComparator(free, address & ~1)
        return "OK"
    }

    private func removeBreakpoint(_ kind: Request.BreakpointKind, _ address: UInt32) -> String {
        guard kind == .software || kind == .hardware else { return "" }
        if let index = breakpoints.firstIndex(of: address & ~1) { setComparator(index, nil) }
        return "OK"
    }

    // MARK: Layout

    /// After OBL_LAUNCH changed the layout the map gdb holds is wrong; gdb reads it once per
    /// connection, so the connection ends and gdb reconnects for the new one.
    func noticeLayoutChange() {
        let now = GDBMemoryMap.make(target.machine)
        guard now != map, closing == nil else { return }
        log("gdb client \(peer): the flash layout changed under a system reset; closing so gdb reconnects")
        close("the flash layout changed (reconnect for the new memory map)")
    }

    var layoutChanged: Bool { GDBMemoryMap.make(target.machine) != map }

    private func checkpoint() {
        guard unsaved == nil else { return }
        do { try journal.checkpointIfSettled() } catch { log("cannot save the device: \(error)") }
    }
}

extension String {
    /// Eight lower-case hex digits.
    init(format8 value: UInt32) {
        let digits = String(value, radix: 16)
        self = String(repeating: "0", count: 8 - digits.count) + digits
    }
}
