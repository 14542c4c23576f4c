/// One enabled DWT data-address comparator as the core checks it: the bytes it covers and the
/// accesses it triggers on (Armv8-M DWT_FUNCTION.MATCH 0b0100-0b0110 with ACTION = debug event).
package struct DataWatch: Sendable, Equatable, Hashable {
    package enum Access: Sendable, Equatable, Hashable {
        case read
        case write
        /// Either.
        case access

        package func triggers(write: Bool) -> Bool {
            switch self {
            case .read: !write
            case .write: write
            case .access: true
            }
        }
    }

    /// Which comparator (0-3): its FUNCTION's MATCHED bit records the hit.
    package var comparator: Int
    /// DWT_COMP: the first watched byte, aligned to `size`.
    package var address: UInt32
    /// 1, 2 or 4 bytes (DATAVSIZE).
    package var size: UInt32
    package var access: Access

    package init(comparator: Int, address: UInt32, size: UInt32, access: Access) {
        self.comparator = comparator
        self.address = address
        self.size = size
        self.access = access
    }

    /// Whether an access of `length` bytes at `start` touches a watched byte and is of the watched kind.
    package func matches(_ start: UInt32, length: UInt32, write: Bool) -> Bool {
        let end = UInt64(start) + UInt64(length)
        return access.triggers(write: write) && UInt64(start) < UInt64(address) + UInt64(size)
            && end > UInt64(address)
    }
}

/// The access that tripped a comparator; the core halts after its instruction (Cortex-M data
/// watchpoints are imprecise), with DFSR.DWTTRAP and the comparator's MATCHED bit set.
package struct DataWatchHit: Sendable, Equatable {
    package var watch: DataWatch
    /// Whether the access was a write (for an `access` comparator, which of the two it was).
    package var write: Bool

    package init(watch: DataWatch, write: Bool) {
        self.watch = watch
        self.write = write
    }
}
