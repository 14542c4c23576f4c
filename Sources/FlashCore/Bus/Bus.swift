/// The width of one bus access.
public enum AccessSize: Int, Sendable, Equatable {
    case byte = 1
    case halfWord = 2
    case word = 4

    public var mask: UInt32 {
        switch self {
        case .byte: 0xFF
        case .halfWord: 0xFFFF
        case .word: 0xFFFF_FFFF
        }
    }
}

/// Why an access was refused by the bus (the core would take a bus fault).
public enum BusFault: Error, Equatable, Sendable {
    /// No device answers at the address.
    case unmapped
    /// The device is there but refused the access (a locked key register, a write to read-only memory).
    case refused(String)
}

/// A device on the bus, seen through one address window.
///
/// A base class rather than a protocol so the bus can call a device without retaining it on
/// every access (`Unmanaged` needs a class type); the defaults describe a device that answers nothing.
open class BusTarget {
    public init() {}

    open func read(offset: UInt32, size: AccessSize, window: Int) -> Result<UInt32, BusFault> { .failure(.unmapped) }
    open func write(offset: UInt32, value: UInt32, size: AccessSize, window: Int) -> Result<Void, BusFault> {
        .failure(.unmapped)
    }
    /// The register at an offset and its value, read without side effects; nil for memory.
    open func peekRegister(offset: UInt32, window: Int) -> (spec: RegisterSpec, value: UInt32)? { nil }
    /// Just the value of `peekRegister`, for the trace's before-value on every write (kept cheap).
    open func peekValue(offset: UInt32, window: Int) -> UInt32? { nil }
    /// Name of what the window shows, for the trace (`flash`, `FLASH`, `OCTOSPI1`, ...).
    open func regionName(window: Int) -> String { "unmapped" }

    /// A write with the value it replaces (`peekValue`, or 0), as the trace wants it: one call
    /// per traced write, which a device on the hot path may answer more cheaply.
    open func writeReplacing(offset: UInt32, value: UInt32, size: AccessSize, window: Int)
        -> (before: UInt32, result: Result<Void, BusFault>)
    {
        let before = peekValue(offset: offset, window: window) ?? 0
        return (before, write(offset: offset, value: value, size: size, window: window))
    }
}

/// One address range of the memory map.
package struct BusWindow: Sendable {
    package let base: UInt32
    package let size: UInt32
    /// Passed back to the target so one device can tell its windows apart (for example secure and non-secure).
    package let tag: Int

    package init(base: UInt32, size: UInt32, tag: Int = 0) {
        self.base = base
        self.size = size
        self.tag = tag
    }

    package func contains(_ address: UInt32) -> Bool { address >= base && address - base < size }
}

/// The system bus: a memory map of devices, a virtual clock and the trace of every access.
package final class Bus {
    /// One mapping; the target is held strongly by `targets`, so the hot path need not retain it.
    private struct Mapping {
        let window: BusWindow
        let target: Unmanaged<BusTarget>
    }

    private var windows: [Mapping] = []
    private var targets: [BusTarget] = []
    package let clock: VirtualClock
    package let trace: TraceRecorder

    /// Who makes the accesses now (the emulator sets `.sramCode` while an algorithm runs).
    package var origin: AccessOrigin = .debugger
    /// Set while the debug port is disabled (RDP level 2): every debugger access faults with it.
    package var debuggerRefusal: BusFault?
    /// The last access that faulted.
    package private(set) var lastFault: RecordedFault?
    /// System resets since the bus was built: a core driving the bus stops at one, a debugger sees it.
    package private(set) var resetCount = 0
    package private(set) var lastReset: SystemReset?
    /// Told of every access as it completes (nil: nobody watches, and the hot path pays one check).
    package weak var observer: BusObserver?

    package init(clock: VirtualClock, trace: TraceRecorder = TraceRecorder()) {
        self.clock = clock
        self.trace = trace
    }

    /// The reset line: the chip reset (its devices have already returned to their reset values).
    package func signalReset(_ cause: ResetCause) {
        resetCount += 1
        lastReset = SystemReset(cause: cause, time: clock.now)
    }

    /// Runs `body` with accesses made by `origin`, then restores the one before.
    package func with<T>(origin: AccessOrigin, _ body: () throws -> T) rethrows -> T {
        let before = self.origin
        self.origin = origin
        defer { self.origin = before }
        return try body()
    }

    private func refuse(
        _ access: TraceEntry.Access, _ address: UInt32, _ size: AccessSize, value: UInt32,
        _ fault: BusFault
    ) {
        lastFault = RecordedFault(address: address, isWrite: access == .write, fault: fault)
        trace.record(access, address: address, size: size, value: value, before: 0, fault: fault, at: clock.now)
        observer?.busDidAccess(self, address: address, isWrite: access == .write)
    }

    package func map(_ window: BusWindow, to target: BusTarget) {
        targets.append(target)
        windows.append(Mapping(window: window, target: .passUnretained(target)))
    }

    /// Whether any device answers at an address.
    package func isMapped(_ address: UInt32) -> Bool { find(address) != nil }

    /// The window of the previous access: accesses come in runs to one device.
    private var lastHit = 0

    @inline(__always)
    private func find(_ address: UInt32) -> Int? {
        if lastHit < windows.count, windows[lastHit].window.contains(address) { return lastHit }
        for index in windows.indices where windows[index].window.contains(address) {
            lastHit = index
            return index
        }
        return nil
    }

    /// A read as a core or debugger would make it; nil on a bus fault (recorded in the trace).
    @discardableResult
    package func read(_ address: UInt32, size: AccessSize = .word) -> UInt32? {
        if origin == .debugger, let refusal = debuggerRefusal {
            refuse(.read, address, size, value: 0, refusal)
            return nil
        }
        guard let index = find(address) else {
            refuse(.read, address, size, value: 0, .unmapped)
            return nil
        }
        let mapping = windows[index]
        let window = mapping.window
        let result = mapping.target._withUnsafeGuaranteedRef {
            $0.read(offset: address - window.base, size: size, window: window.tag)
        }
        switch result {
        case .success(let value):
            trace.record(.read, address: address, size: size, value: value, before: value, at: clock.now)
            observer?.busDidAccess(self, address: address, isWrite: false)
            return value
        case .failure(let fault):
            refuse(.read, address, size, value: 0, fault)
            return nil
        }
    }

    /// A write; false on a bus fault (recorded in the trace).
    @discardableResult
    package func write(_ address: UInt32, _ value: UInt32, size: AccessSize = .word) -> Bool {
        if origin == .debugger, let refusal = debuggerRefusal {
            refuse(.write, address, size, value: value, refusal)
            return false
        }
        guard let index = find(address) else {
            refuse(.write, address, size, value: value, .unmapped)
            return false
        }
        let mapping = windows[index]
        let window = mapping.window
        let offset = address - window.base
        let tracing = trace.isEnabled
        let (before, result) = mapping.target._withUnsafeGuaranteedRef { target in
            tracing
                ? target.writeReplacing(offset: offset, value: value, size: size, window: window.tag)
                : (0, target.write(offset: offset, value: value, size: size, window: window.tag))
        }
        if case .failure(let fault) = result {
            lastFault = RecordedFault(address: address, isWrite: true, fault: fault)
            trace.record(
                .write, address: address, size: size, value: value, before: before, fault: fault, at: clock.now)
            observer?.busDidAccess(self, address: address, isWrite: true)
            return false
        }
        trace.record(.write, address: address, size: size, value: value, before: before, at: clock.now)
        observer?.busDidAccess(self, address: address, isWrite: true)
        return true
    }

    /// Lets virtual time pass until the next device event, as a core waiting on a busy flag does.
    package func waitForEvent() {
        let waited = clock.advanceToNextEvent()
        if waited > 0 { trace.note(.waited(waited)) }
    }

    /// A register's value without side effects or trace (nil for memory and unmapped addresses).
    package func peekValue(_ address: UInt32) -> UInt32? {
        guard let index = find(address) else { return nil }
        let window = windows[index].window
        return windows[index].target.takeUnretainedValue().peekValue(offset: address - window.base, window: window.tag)
    }

    /// Names the register or memory region at an address, for the trace.
    package func describe(_ address: UInt32) -> (region: String, register: RegisterSpec?) {
        guard let index = find(address) else { return ("unmapped", nil) }
        let window = windows[index].window
        let target = windows[index].target.takeUnretainedValue()
        return (
            target.regionName(window: window.tag),
            target.peekRegister(offset: address - window.base, window: window.tag)?.spec
        )
    }
}
