import FlashCore
import GDBRemote

/// The whole address space of a chip behind a GDB server, as one device on a `Bus`: every
/// access the engine's algorithms make becomes one `m` or `M` of its size, so the same code
/// that drives the model drives the chip, one register access at a time.
///
/// A server's `E NN` is what a bus fault looks like from here. A lost connection (timeout,
/// closed, nonsense) is kept in `lost` and fails every later access at once, so an algorithm
/// stops at its next check; `lastAcknowledged` says which access was the last one answered.
///
/// The bus's clock is the host's: each access is traced at the moment its answer arrived, in
/// nanoseconds since the target was made, so the trace's times are what the host measured.
package final class RemoteChipTarget: BusTarget {
    private let memory: any ChipMemory
    private let hostTime: HostClock
    private let startTime: UInt64
    /// The live bus's clock, kept at the host's time.
    package let clock = VirtualClock()
    /// The last word read or written at each address: what the trace takes as a register's value
    /// before a write (the chip's own value is never read a second time for it).
    private var lastWord: [UInt32: UInt32] = [:]
    package private(set) var lost: ClientError?
    package private(set) var lastAcknowledged: String?
    package private(set) var accesses = 0

    package init(_ memory: any ChipMemory, hostTime: @escaping HostClock = monotonicNanoseconds) {
        self.memory = memory
        self.hostTime = hostTime
        startTime = hostTime()
    }

    override package func read(offset: UInt32, size: AccessSize, window: Int) -> Result<UInt32, BusFault> {
        if let lost { return .failure(.refused("connection lost: \(lost)")) }
        defer { keepTime() }
        do {
            let bytes = try memory.readMemory(offset, count: size.rawValue)
            let value = bytes.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << UInt32(8 * $1.offset) }
            if size == .word { lastWord[offset] = value }
            acknowledge("read \(hex(offset)) = \(hex(value))")
            return .success(value)
        } catch {
            return .failure(fault(error))
        }
    }

    override package func peekValue(offset: UInt32, window: Int) -> UInt32? { lastWord[offset] }

    override package func write(offset: UInt32, value: UInt32, size: AccessSize, window: Int)
        -> Result<Void, BusFault>
    {
        if let lost { return .failure(.refused("connection lost: \(lost)")) }
        defer { keepTime() }
        let bytes = (0..<size.rawValue).map { UInt8(truncatingIfNeeded: value >> UInt32(8 * $0)) }
        do {
            try memory.writeMemory(offset, bytes)
            if size == .word { lastWord[offset] = value }
            acknowledge("write \(hex(offset)) = \(hex(value))")
            return .success(())
        } catch {
            return .failure(fault(error))
        }
    }

    /// A block read outside the bus (the bytes a program keeps), counted like any access.
    package func readDirect(_ address: UInt32, count: Int) throws(ClientError) -> [UInt8] {
        if let lost { throw lost }
        defer { keepTime() }
        do {
            let bytes = try memory.readMemory(address, count: count)
            acknowledge("read \(count) bytes at \(hex(address))")
            return bytes
        } catch {
            if case .serverError = error {} else { lost = error }
            throw error
        }
    }

    override package func regionName(window: Int) -> String { "chip" }

    /// Moves the bus's clock to the host's time (it never goes back).
    private func keepTime() {
        clock.advance(to: hostTime() &- startTime)
    }

    private func acknowledge(_ access: String) {
        accesses += 1
        lastAcknowledged = access
    }

    private func fault(_ error: ClientError) -> BusFault {
        if case .serverError = error { return .refused(error.description) }
        lost = error
        return .refused("connection lost: \(error)")
    }
}

extension Bus {
    /// A bus whose every address is the chip behind `target` (window 0 from address 0).
    package static func remote(_ target: RemoteChipTarget, trace: TraceRecorder = TraceRecorder()) -> Bus {
        let bus = Bus(clock: target.clock, trace: trace)
        bus.map(BusWindow(base: 0, size: UInt32.max), to: target)
        return bus
    }
}

/// Nanoseconds on some steady host clock; injected so that tests can hand in a model's clock.
package typealias HostClock = () -> UInt64

/// The host's steady clock, in nanoseconds since the first time it was asked.
package func monotonicNanoseconds() -> UInt64 {
    let (seconds, attoseconds) = monotonicStart.duration(to: .now).components
    return UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
}

private let monotonicStart = ContinuousClock.now
