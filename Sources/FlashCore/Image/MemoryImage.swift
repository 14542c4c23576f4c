/// A sparse memory image: sorted, non-overlapping runs of bytes at 32-bit addresses.
///
/// Every file format reads into one of these and writes from one; the engine
/// programs one into a device.
package struct MemoryImage: Equatable, Sendable {
    /// One contiguous run of bytes.
    package struct Segment: Equatable, Sendable {
        package var address: UInt32
        package var bytes: [UInt8]

        package init(address: UInt32, bytes: [UInt8]) {
            self.address = address
            self.bytes = bytes
        }

        /// One past the last byte, as a 64-bit value so a segment ending at 4 GiB does not overflow.
        package var end: UInt64 { UInt64(address) + UInt64(bytes.count) }
    }

    /// Two pieces of data claim the same byte.
    package struct OverlapError: Error, Equatable, Sendable {
        package var address: UInt32
        package var existing: ClosedRange<UInt64>
        package var added: ClosedRange<UInt64>
    }

    package private(set) var segments: [Segment] = []
    /// The start (entry) address a file declared, if any.
    package var startAddress: UInt32?

    package init() {}

    /// Builds an image from segments in any order; overlapping segments are an error.
    package init(segments: [Segment], startAddress: UInt32? = nil) throws(OverlapError) {
        self.startAddress = startAddress
        for segment in segments.sorted(by: { $0.address < $1.address }) {
            try insert(segment.bytes, at: segment.address)
        }
    }

    /// Adds bytes; adjacent runs merge, overlapping ones are rejected and leave the image unchanged.
    package mutating func insert(_ bytes: [UInt8], at address: UInt32) throws(OverlapError) {
        guard !bytes.isEmpty else { return }
        let newEnd = UInt64(address) + UInt64(bytes.count)
        // Index of the first segment whose start is above `address`.
        var low = 0
        var high = segments.count
        while low < high {
            let mid = (low + high) / 2
            if segments[mid].address <= address { low = mid + 1 } else { high = mid }
        }
        let before = low - 1
        if before >= 0, segments[before].end > UInt64(address) {
            throw OverlapError(
                address: address, existing: UInt64(segments[before].address)...segments[before].end - 1,
                added: UInt64(address)...newEnd - 1)
        }
        if low < segments.count, UInt64(segments[low].address) < newEnd {
            throw OverlapError(
                address: segments[low].address,
                existing: UInt64(segments[low].address)...segments[low].end - 1,
                added: UInt64(address)...newEnd - 1)
        }
        let joinsBefore = before >= 0 && segments[before].end == UInt64(address)
        let joinsAfter = low < segments.count && UInt64(segments[low].address) == newEnd
        switch (joinsBefore, joinsAfter) {
        case (true, true):
            segments[before].bytes += bytes
            segments[before].bytes += segments[low].bytes
            segments.remove(at: low)
        case (true, false):
            segments[before].bytes += bytes
        case (false, true):
            segments[low] = Segment(address: address, bytes: bytes + segments[low].bytes)
        case (false, false):
            segments.insert(Segment(address: address, bytes: bytes), at: low)
        }
    }

    /// Total number of bytes held.
    package var byteCount: Int { segments.reduce(0) { $0 + $1.bytes.count } }

    package var isEmpty: Bool { segments.isEmpty }

    /// Lowest address and one past the highest, or nil when empty.
    package var bounds: (low: UInt32, end: UInt64)? {
        guard let first = segments.first, let last = segments.last else { return nil }
        return (first.address, last.end)
    }

    /// The byte at an address, or nil where the image has none.
    package func byte(at address: UInt32) -> UInt8? {
        for segment in segments where segment.address <= address && UInt64(address) < segment.end {
            return segment.bytes[Int(address - segment.address)]
        }
        return nil
    }

    /// The parts of the image that fall inside `[low, end)`, clipped to it.
    package func clipped(to low: UInt32, end: UInt64) -> MemoryImage {
        var result = MemoryImage()
        result.startAddress = startAddress
        for segment in segments where segment.end > UInt64(low) && UInt64(segment.address) < end {
            let from = max(UInt64(segment.address), UInt64(low))
            let to = min(segment.end, end)
            if from == UInt64(segment.address) && to == segment.end {
                result.segments.append(segment)  // shares the bytes: no copy of a large segment
                continue
            }
            let slice = Array(segment.bytes[Int(from - UInt64(segment.address))..<Int(to - UInt64(segment.address))])
            result.segments.append(Segment(address: UInt32(from), bytes: slice))
        }
        return result
    }

    /// The image without the bytes inside `[low, end)`.
    package func excluding(_ low: UInt32, end: UInt64) -> MemoryImage {
        var result = clipped(to: 0, end: UInt64(low))
        if end <= UInt64(UInt32.max) {
            result.segments += clipped(to: UInt32(end), end: UInt64(UInt32.max) + 1).segments
        }
        result.startAddress = startAddress
        return result
    }
}
