/// A block of 32-bit registers on the bus: the one place where byte and half-word accesses
/// become whole-register reads and writes. A narrow read sees its byte lanes of the register;
/// a narrow write changes its lanes and keeps the others (what the L5's AHB/APB peripherals
/// do). Peripherals subclass it and deal in aligned offsets and whole words only.
open class RegisterBlockTarget: BusTarget {
    /// The register's value as a read sees it (a read may have effects, such as popping a FIFO).
    open func readRegister(at offset: UInt32, window: Int) -> Result<UInt32, BusFault> { .failure(.unmapped) }
    /// The register's value without side effects, for merging a narrow write.
    open func currentRegister(at offset: UInt32, window: Int) -> UInt32 { 0 }
    /// A whole-register write of `value` at an aligned offset.
    open func writeRegister(_ value: UInt32, at offset: UInt32, window: Int) -> Result<Void, BusFault> {
        .failure(.unmapped)
    }

    override open func read(offset: UInt32, size: AccessSize, window: Int) -> Result<UInt32, BusFault> {
        readRegister(at: offset & ~3, window: window).map {
            RegisterLanes.extract(from: $0, offset: offset, size: size)
        }
    }

    override open func write(offset: UInt32, value: UInt32, size: AccessSize, window: Int) -> Result<Void, BusFault> {
        let aligned = offset & ~3
        let word =
            size == .word
            ? value
            : RegisterLanes.merge(value, into: currentRegister(at: aligned, window: window), offset: offset, size: size)
        return writeRegister(word, at: aligned, window: window)
    }
}

/// Byte lanes of a 32-bit register.
package enum RegisterLanes {
    /// What an access of `size` at `offset` reads from the register holding `word`.
    @inline(__always)
    package static func extract(from word: UInt32, offset: UInt32, size: AccessSize) -> UInt32 {
        (word >> (8 * (offset & 3))) & size.mask
    }

    /// The register after a write of `size` at `offset`: its lanes from `value`, the rest from `current`.
    @inline(__always)
    package static func merge(_ value: UInt32, into current: UInt32, offset: UInt32, size: AccessSize) -> UInt32 {
        let shift = 8 * (offset & 3)
        let lanes = size.mask << shift
        return (current & ~lanes) | ((value << shift) & lanes)
    }
}
