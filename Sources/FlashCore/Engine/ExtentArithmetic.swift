/// Planning on an image's extents alone, so that nothing of the image is read to plan.
extension Array where Element == AddressRange {
    /// The parts of the ranges inside `[low, end)`.
    func clipped(to low: UInt32, end: UInt64) -> [AddressRange] {
        compactMap { range in
            let from = Swift.max(UInt64(range.from), UInt64(low))
            let to = Swift.min(UInt64(range.to), end &- 1)
            guard end > 0, from <= to else { return nil }
            return AddressRange(from: UInt32(from), to: UInt32(to))
        }
    }

    /// The ranges without the addresses inside `[low, end)`.
    func excluding(_ low: UInt32, end: UInt64) -> [AddressRange] {
        var result = clipped(to: 0, end: UInt64(low))
        if end <= UInt64(UInt32.max) { result += clipped(to: UInt32(end), end: 0x1_0000_0000) }
        return result.sorted { $0.from < $1.from }
    }
}

extension AddressRange {
    /// The range cut into runs of at most `size` bytes, in address order, for reading a large
    /// image a piece at a time.
    package func pieces(of size: Int) -> some Sequence<(address: UInt32, count: Int)> {
        let end = UInt64(to) + 1
        return stride(from: UInt64(from), to: end, by: size).lazy.map { start in
            (UInt32(start), Int(Swift.min(UInt64(size), end - start)))
        }
    }
}

/// One sector an image touches, with the parts of the image's extents that fall in it.
struct CoveredSector: Equatable {
    var start: UInt32
    var pieces: [AddressRange]

    var coveredBytes: UInt64 { pieces.reduce(0) { $0 + $1.count } }
}

extension CoveredSector {
    /// The sectors (of `size` bytes, aligned from `base`) the sorted extents touch, in address order.
    static func sectors(of extents: [AddressRange], base: UInt32, size: UInt32) -> [CoveredSector] {
        var sectors: [CoveredSector] = []
        for extent in extents where extent.from >= base {
            var address = UInt64(extent.from)
            while address <= UInt64(extent.to) {
                let start = address - (address - UInt64(base)) % UInt64(size)
                let last = Swift.min(start + UInt64(size) - 1, UInt64(extent.to))
                let piece = AddressRange(from: UInt32(address), to: UInt32(last))
                if let previous = sectors.last, UInt64(previous.start) == start {
                    sectors[sectors.count - 1].pieces.append(piece)
                } else {
                    sectors.append(CoveredSector(start: UInt32(start), pieces: [piece]))
                }
                address = last + 1
            }
        }
        return sectors
    }
}
