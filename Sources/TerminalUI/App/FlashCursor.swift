import FlashCore

/// Cursor arithmetic over the flash as addresses: moving crosses from bank to bank
/// (and over the gap of 256 KB parts) and stops at either end.
enum FlashCursor {
    /// The address `delta` bytes on from `address`, clamped to the flash.
    static func move(_ address: UInt32, by delta: Int, in layout: FlashLayout) -> UInt32 {
        let ranges = layout.addressRanges
        let total = ranges.reduce(0) { $0 + Int($1.count) }
        guard total > 0 else { return address }
        let index = max(0, min(total - 1, linearIndex(of: address, in: ranges) + delta))
        return self.address(atLinearIndex: index, in: ranges)
    }

    /// A valid flash address: `address` when it is in flash, else the first address.
    static func clamp(_ address: UInt32, in layout: FlashLayout) -> UInt32 {
        (try? layout.locate(address)) != nil ? address : FlashLayout.nonSecureBase
    }

    private static func linearIndex(of address: UInt32, in ranges: [ClosedRange<UInt32>]) -> Int {
        var before = 0
        for range in ranges {
            if address < range.lowerBound { return before }
            if range.contains(address) { return before + Int(address - range.lowerBound) }
            before += Int(range.count)
        }
        return before - 1
    }

    private static func address(atLinearIndex index: Int, in ranges: [ClosedRange<UInt32>]) -> UInt32 {
        var left = index
        for range in ranges {
            if left < Int(range.count) { return range.lowerBound + UInt32(left) }
            left -= Int(range.count)
        }
        return ranges.last?.upperBound ?? FlashLayout.nonSecureBase
    }
}
