/// Bytes to program, fetched a piece at a time, so that a large image need not be held
/// whole beside the flash model (a file read with `pread`, or a `MemoryImage`).
package protocol ImageSource {
    /// The addresses the image covers: sorted, non-overlapping runs, both ends included.
    var extents: [AddressRange] { get }

    /// `count` bytes from `address`; the run lies inside one extent. Throws when the bytes
    /// cannot be had (a file that shrank or cannot be read), with a one-line description.
    func bytes(at address: UInt32, count: Int) throws -> [UInt8]
}

/// A request for bytes the image does not hold.
package struct ImageGapError: Error, Equatable, Sendable, CustomStringConvertible {
    package var address: UInt32
    package var count: Int

    package init(address: UInt32, count: Int) {
        self.address = address
        self.count = count
    }

    package var description: String { "the image holds no \(count) bytes at \(hex(address))" }
}

extension MemoryImage: ImageSource {
    package var extents: [AddressRange] {
        segments.map { AddressRange(from: $0.address, to: UInt32($0.end - 1)) }
    }

    package func bytes(at address: UInt32, count: Int) throws(ImageGapError) -> [UInt8] {
        // The first segment starting above `address`; the one before it is the only candidate.
        var low = 0
        var high = segments.count
        while low < high {
            let mid = (low + high) / 2
            if segments[mid].address <= address { low = mid + 1 } else { high = mid }
        }
        guard low > 0, count >= 0 else { throw ImageGapError(address: address, count: count) }
        let segment = segments[low - 1]
        let offset = Int(address - segment.address)
        guard offset + count <= segment.bytes.count else { throw ImageGapError(address: address, count: count) }
        return Array(segment.bytes[offset..<offset + count])
    }
}

extension ImageSource {
    /// The bytes of the extents inside `[low, end)`, read into memory.
    package func materialized(from low: UInt32 = 0, end: UInt64 = 0x1_0000_0000) throws -> MemoryImage {
        var image = MemoryImage()
        for extent in extents {
            let from = max(UInt64(extent.from), UInt64(low))
            let to = min(UInt64(extent.to) + 1, end)
            guard from < to else { continue }
            try image.insert(try bytes(at: UInt32(from), count: Int(to - from)), at: UInt32(from))
        }
        return image
    }
}
