import FlashCore

/// The STM32L5's 256 KB of SRAM at 0x20000000 (and its secure alias at 0x30000000), as plain
/// memory on the bus. The bytes live at one fixed address for the SRAM's lifetime, so an
/// emulated core can map the very same memory the debugger writes through the access port.
package final class SRAM: BusTarget {
    package static let base: UInt32 = 0x2000_0000
    package static let secureBase: UInt32 = 0x3000_0000
    package static let size: UInt32 = 0x4_0000

    /// The memory, owned by this object.
    package let bytes: UnsafeMutableRawBufferPointer
    /// Offsets written through the bus since the last look: an emulated core must drop code it
    /// translated from them (the debugger loads a new algorithm where the last one ran).
    private var written: Range<UInt32>?

    package func takeWrittenRange() -> Range<UInt32>? {
        defer { written = nil }
        return written
    }

    package override init() {
        bytes = .allocate(byteCount: Int(Self.size), alignment: 16)
        bytes.initializeMemory(as: UInt8.self, repeating: 0)
    }

    deinit { bytes.deallocate() }

    package func map(into bus: Bus) {
        bus.map(BusWindow(base: Self.base, size: Self.size, tag: 0), to: self)
        bus.map(BusWindow(base: Self.secureBase, size: Self.size, tag: 1), to: self)
    }

    override package func read(offset: UInt32, size: AccessSize, window: Int) -> Result<UInt32, BusFault> {
        guard offset & UInt32(size.rawValue - 1) == 0 else { return .failure(.refused("unaligned SRAM access")) }
        var value: UInt32 = 0
        for index in 0..<size.rawValue { value |= UInt32(bytes[Int(offset) + index]) << (8 * UInt32(index)) }
        return .success(value)
    }

    override package func write(offset: UInt32, value: UInt32, size: AccessSize, window: Int) -> Result<Void, BusFault>
    {
        guard offset & UInt32(size.rawValue - 1) == 0 else { return .failure(.refused("unaligned SRAM access")) }
        for index in 0..<size.rawValue {
            bytes[Int(offset) + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index)))
        }
        let end = offset + UInt32(size.rawValue)
        written = written.map { min($0.lowerBound, offset)..<max($0.upperBound, end) } ?? offset..<end
        return .success(())
    }

    override package func peekValue(offset: UInt32, window: Int) -> UInt32? {
        try? read(offset: offset & ~3, size: .word, window: window).get()
    }

    override package func regionName(window: Int) -> String { window == 0 ? "SRAM" : "SRAM (secure alias)" }
}
