/// The physical cells of the embedded flash, bank 1 first, erased to 0xFF.
///
/// Changes are tracked per 2 KB chunk so the device file writes only what changed.
package final class FlashArray {
    package static let chunkSize = 2048
    package private(set) var bytes: [UInt8]
    package private(set) var dirtyChunks: Set<Int> = []
    /// Counts every change, so a copy (an emulated core's view of the flash) knows when it is stale.
    package private(set) var generation = 0
    /// The generation of each 2 KB chunk's last change, so a copy refreshes only what changed since.
    package private(set) var chunkGenerations: [Int]

    package init(size: Int) {
        bytes = [UInt8](repeating: 0xFF, count: size)
        chunkGenerations = [Int](repeating: 0, count: (size + Self.chunkSize - 1) / Self.chunkSize)
    }

    package init(bytes: [UInt8]) {
        self.bytes = bytes
        chunkGenerations = [Int](repeating: 0, count: (bytes.count + Self.chunkSize - 1) / Self.chunkSize)
    }

    package var size: Int { bytes.count }

    package func erase(offset: Int, count: Int) {
        for index in offset..<offset + count { bytes[index] = 0xFF }
        markDirty(offset: offset, count: count)
    }

    package func write(_ data: [UInt8], at offset: Int) {
        bytes.replaceSubrange(offset..<offset + data.count, with: data)
        markDirty(offset: offset, count: data.count)
    }

    /// Little-endian 32-bit value at a physical offset.
    package func word(at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }

    package func isErased(offset: Int, count: Int) -> Bool {
        bytes[offset..<offset + count].allSatisfy { $0 == 0xFF }
    }

    package func clearDirty() { dirtyChunks.removeAll() }

    private func markDirty(offset: Int, count: Int) {
        guard count > 0 else { return }
        generation &+= 1
        for chunk in (offset / Self.chunkSize)...((offset + count - 1) / Self.chunkSize) {
            dirtyChunks.insert(chunk)
            chunkGenerations[chunk] = generation
        }
    }
}
