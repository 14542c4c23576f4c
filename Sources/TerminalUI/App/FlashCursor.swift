import FlashCore
import TerminalKit

/// Cursor arithmetic over the flash as addresses: moving crosses from bank to bank
/// (and over the gap of 256 KB parts) and stops at either end.
enum FlashCursor {
    /// The address `delta` bytes on from `address`, clamped to the flash.
    static func move(_ address: UInt32, by delta: Int, in layout: FlashLayout) -> UInt32 {
        move(address, by: delta, in: layout.addressRanges)
    }

    /// The address `delta` bytes on from `address` over the embedded flash and then the OCTOSPI flash.
    /// In the system memory the cursor moves inside the area it is in (OTP, a UID, DBGMCU).
    static func move(_ address: UInt32, by delta: Int, in machine: Machine) -> UInt32 {
        if let area = try? SystemArea.locate(address).area {
            return move(address, by: delta, in: [area.start...(area.start + area.size - 1)])
        }
        return move(address, by: delta, in: ranges(of: machine))
    }

    /// The embedded flash's address ranges, then the OCTOSPI flash's when the part has one.
    static func ranges(of machine: Machine) -> [ClosedRange<UInt32>] {
        var ranges = machine.layout.addressRanges
        if let geometry = machine.ospi?.flash.geometry {
            ranges.append(FlashRegion.ospiBase...(FlashRegion.ospiBase + geometry.size - 1))
        }
        return ranges
    }

    /// Whether moving `delta` bytes from `address` would run past the end of the embedded flash.
    static func runsPastEnd(_ address: UInt32, by delta: Int, in layout: FlashLayout) -> Bool {
        let ranges = layout.addressRanges
        let total = ranges.reduce(0) { $0 + Int($1.count) }
        return linearIndex(of: address, in: ranges) + delta >= total
    }

    private static func move(_ address: UInt32, by delta: Int, in ranges: [ClosedRange<UInt32>]) -> UInt32 {
        let total = ranges.reduce(0) { $0 + Int($1.count) }
        guard total > 0 else { return address }
        let index = max(0, min(total - 1, linearIndex(of: address, in: ranges) + delta))
        return self.address(atLinearIndex: index, in: ranges)
    }

    /// A valid flash address: `address` when it is in flash, else the first address.
    static func clamp(_ address: UInt32, in layout: FlashLayout) -> UInt32 {
        (try? layout.locate(address)) != nil ? address : FlashLayout.nonSecureBase
    }

    /// A valid address of either flash: `address` when it is in one, else the first address.
    static func clamp(_ address: UInt32, in machine: Machine) -> UInt32 {
        if (try? SystemArea.locate(address)) != nil { return address }
        if FlashRegion.of(address) == .ospi, let geometry = machine.ospi?.flash.geometry,
            (try? OctoSPILocation.locate(address, geometry: geometry)) != nil
        {
            return address
        }
        return clamp(address, in: machine.layout)
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
