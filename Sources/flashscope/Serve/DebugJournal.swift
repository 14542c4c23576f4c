import DeviceStore
import FlashCore

/// Keeps what a debug client does in the device file: each stretch from the first change to
/// the flash controller being locked again (or to the client leaving) is one journaled
/// operation named after the client, which `undo` reverts like any other.
final class DebugJournal {
    private let store: DeviceStore
    private let machine: Machine
    private let engine: FlashEngine
    private var start: OperationStart
    /// The OTP area when the stretch began: the engine's accounting covers the main flash only.
    private var otpBefore: [UInt8]
    private var client: String
    /// The device file, as `info` names it.
    var devicePath: String { store.path }
    /// Saves so far, for the closing log line.
    private(set) var saved = 0

    init(store: DeviceStore, machine: Machine) {
        self.store = store
        self.machine = machine
        engine = FlashEngine(machine: machine)
        start = engine.beginOperation()
        otpBefore = machine.controller.otp.bytes
        client = "debug client"
    }

    /// A new client: what it does is named after it.
    func begin(client name: String) {
        client = name
        start = engine.beginOperation()
        otpBefore = machine.controller.otp.bytes
    }

    /// Saves when the client has changed something and the controller is locked and idle again.
    func checkpointIfSettled() throws(StoreError) {
        guard machine.controller.controlsLocked, !machine.controller.isBusy else { return }
        try save()
    }

    /// Saves whatever changed since the last save (at disconnect and when the server stops).
    func save() throws(StoreError) {
        let changes = machine.changes
        let optionsChanged =
            machine.controller.effective != start.effectiveOptions
            || machine.controller.pending != start.pendingOptions
        guard
            changes.flashChunks?.isEmpty == false || changes.ospiSectors?.isEmpty == false || changes.otp
                || optionsChanged
        else { return }
        var result = OperationResult(kind: .debugSession, algorithm: client)
        // A client's intent is what it did: everything it programmed counts, nothing is collateral.
        let everything = machine.layout.addressRanges.map { AddressRange(from: $0.lowerBound, to: $0.upperBound) }
        engine.account(since: start, intended: everything, into: &result)
        result.bytesProgrammed += zip(otpBefore, machine.controller.otp.bytes).filter { $0 != $1 }.count
        let record = OperationRecord(result, command: "serve: \(client)", trace: machine.renderedTrace())
        try store.save(machine.state, changes: changes, operation: record)
        machine.clearChanges()
        machine.trace.clear()
        start = engine.beginOperation()
        otpBefore = machine.controller.otp.bytes
        saved += 1
    }

    /// Saves an operation the client ran through the engine (a gdb `load`, `monitor ob set`) as
    /// its own journal entry; call `save()` before running it, so earlier changes stay apart.
    func save(_ result: OperationResult, command: String) throws(StoreError) {
        let record = OperationRecord(result, command: "serve: \(client): \(command)", trace: machine.renderedTrace())
        try store.save(machine.state, changes: machine.changes, operation: record)
        machine.clearChanges()
        machine.trace.clear()
        start = engine.beginOperation()
        saved += 1
    }
}
