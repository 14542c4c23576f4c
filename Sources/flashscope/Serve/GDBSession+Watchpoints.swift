import DebugPort
import FlashCore
import GDBRemote

/// gdb's Z2/Z3/Z4 (write, read, access watchpoints) as DWT comparators, written over the bus as
/// OpenOCD writes an Armv8-M DWT (debug-port.md §5): COMP the address, FUNCTION MATCH (5 write,
/// 6 read, 4 access) | ACTION 1 (debug event) | DATAVSIZE, and DEMCR.TRCENA. A range that is not
/// one aligned 1-, 2- or 4-byte piece takes one comparator per piece. The core halts after the
/// access's instruction; the stop reply names the kind and the address (`T05watch:ADDR;`).
extension GDBSession {
    /// One watchpoint gdb inserted: its kind, its range, the comparators it holds.
    struct Watch: Equatable {
        var kind: Request.BreakpointKind
        var address: UInt32
        var length: UInt32
        var comparators: [Int]
    }

    static func access(of kind: Request.BreakpointKind) -> DataWatch.Access? {
        switch kind {
        case .writeWatch: .write
        case .readWatch: .read
        case .accessWatch: .access
        case .software, .hardware: nil
        }
    }

    /// Aligned pieces of 4, 2 or 1 bytes covering the range, as DATAVSIZE allows.
    static func pieces(_ address: UInt32, _ length: UInt32) -> [(address: UInt32, size: UInt32)] {
        var pieces: [(UInt32, UInt32)] = []
        var cursor = UInt64(address)
        let end = UInt64(address) + UInt64(length)
        while cursor < end {
            let size: UInt64 = [4, 2].first { cursor % $0 == 0 && cursor + $0 <= end } ?? 1
            pieces.append((UInt32(cursor), UInt32(size)))
            cursor += size
        }
        return pieces
    }

    func insertWatchpoint(_ kind: Request.BreakpointKind, _ address: UInt32, _ length: UInt32) -> String {
        guard let access = Self.access(of: kind) else { return "" }
        if watches.contains(where: { $0.kind == kind && $0.address == address && $0.length == length }) { return "OK" }
        let used = Set(watches.flatMap(\.comparators))
        let free = (0..<WatchpointUnit.comparatorCount).filter { !used.contains($0) }
        // Each comparator covers at most 4 bytes: a longer range cannot fit (and is never split).
        let pieces = length <= 4 * UInt32(free.count) ? Self.pieces(address, length) : []
        guard !pieces.isEmpty, pieces.count <= free.count else {
            log(
                "gdb client \(peer): a watchpoint on \(hex(address)), \(length) bytes, is more than the \(free.count) "
                    + "free DWT comparators (of \(WatchpointUnit.comparatorCount), 1, 2 or 4 aligned bytes each) cover")
            return "E04"
        }
        typealias F = WatchpointUnit.FunctionField
        let match: UInt32 =
            switch access {
            case .write: F.writeMatch
            case .read: F.readMatch
            case .access: F.accessMatch
            }
        let bus = target.machine.bus
        bus.with(origin: .debugger) {
            let monitor = SystemControlRegister.base + SystemControlRegister.exceptionMonitor.rawValue
            let demcr = bus.read(monitor) ?? 0
            _ = bus.write(monitor, demcr | ExceptionMonitorField.traceEnable.mask)
            for (piece, index) in zip(pieces, free) {
                let function =
                    F.match.inserting(match, into: 0) | F.action.inserting(F.debugEvent, into: 0)
                    | F.dataSize.inserting(UInt32(piece.size.trailingZeroBitCount), into: 0)
                _ = bus.write(WatchpointUnit.base + WatchpointUnit.comparatorOffset(index), piece.address)
                _ = bus.write(WatchpointUnit.base + WatchpointUnit.functionOffset(index), function)
            }
        }
        watches.append(
            Watch(kind: kind, address: address, length: length, comparators: Array(free.prefix(pieces.count))))
        return "OK"
    }

    func removeWatchpoint(_ kind: Request.BreakpointKind, _ address: UInt32, _ length: UInt32) -> String {
        guard Self.access(of: kind) != nil else { return "" }
        guard let index = watches.firstIndex(where: { $0.kind == kind && $0.address == address && $0.length == length })
        else { return "OK" }
        disable(watches.remove(at: index).comparators)
        return "OK"
    }

    /// Disables every comparator gdb set (detach).
    func removeAllWatchpoints() {
        disable(watches.flatMap(\.comparators))
        watches.removeAll()
    }

    private func disable(_ comparators: [Int]) {
        let bus = target.machine.bus
        bus.with(origin: .debugger) {
            for index in comparators { _ = bus.write(WatchpointUnit.base + WatchpointUnit.functionOffset(index), 0) }
        }
    }

    /// `watch:ADDR;` (or rwatch, awatch) when a comparator halted the last run: the address of
    /// the watchpoint that holds the comparator, which is what gdb compares with its own.
    var watchStopField: String? {
        guard let hit = target.core.watchHit, target.core.debuggerHaltReason & HaltReasonField.watchpoint.mask != 0
        else { return nil }
        let watch = watches.first { $0.comparators.contains(hit.watch.comparator) }
        let name: String =
            switch hit.watch.access {
            case .write: "watch"
            case .read: "rwatch"
            case .access: "awatch"
            }
        return "\(name):\(String(watch?.address ?? hit.watch.address, radix: 16));"
    }
}
