/// The physical cells of the embedded flash, bank 1 first, erased to 0xFF.
///
/// Changes are tracked per 2 KB chunk so the device file writes only what changed.
public final class FlashArray {
    public static let chunkSize = 2048
    public private(set) var bytes: [UInt8]
    public private(set) var dirtyChunks: Set<Int> = []

    public init(size: Int) {
        bytes = [UInt8](repeating: 0xFF, count: size)
    }

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    public var size: Int { bytes.count }

    public func erase(offset: Int, count: Int) {
        for index in offset..<offset + count { bytes[index] = 0xFF }
        markDirty(offset: offset, count: count)
    }

    public func write(_ data: [UInt8], at offset: Int) {
        bytes.replaceSubrange(offset..<offset + data.count, with: data)
        markDirty(offset: offset, count: data.count)
    }

    /// Little-endian 32-bit value at a physical offset.
    public func word(at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }

    public func isErased(offset: Int, count: Int) -> Bool {
        bytes[offset..<offset + count].allSatisfy { $0 == 0xFF }
    }

    public func clearDirty() { dirtyChunks.removeAll() }

    private func markDirty(offset: Int, count: Int) {
        guard count > 0 else { return }
        for chunk in (offset / Self.chunkSize)...((offset + count - 1) / Self.chunkSize) {
            dirtyChunks.insert(chunk)
        }
    }
}
