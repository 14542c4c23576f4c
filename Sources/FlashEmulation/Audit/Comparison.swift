import FlashCore

/// The flash of two scratch devices after the same request, compared byte by byte.
/// Bytes are compared by physical offset (cheap) and only differing ones are mapped to
/// addresses through the layout, so SWAP_BANK is honoured.
struct Comparison {
    let before: [UInt8]
    let actual: [UInt8]
    let model: [UInt8]
    let layout: FlashLayout

    init(before: [UInt8], actual: FlashEngine, model: FlashEngine) {
        self.before = before
        self.actual = actual.machine.controller.array.bytes
        self.model = model.machine.controller.array.bytes
        layout = actual.machine.layout
    }

    /// Addresses the algorithm changed, where `include` holds.
    func changed(where include: (UInt32) -> Bool) -> [AddressRange] {
        ranges(differingFrom: before, include)
    }

    /// Addresses where the algorithm's result differs from bank-aware's.
    func differences(where include: (UInt32) -> Bool = { _ in true }) -> [AddressRange] {
        ranges(differingFrom: model, include)
    }

    /// Addresses in `range` whose byte is not `value` after the algorithm ran.
    func notEqual(to value: UInt8, in range: AddressRange) -> [AddressRange] {
        var addresses: [UInt32] = []
        var address = range.from
        while address <= range.to {
            if let location = try? layout.locate(address), actual[Int(location.physicalOffset)] != value {
                addresses.append(address)
            }
            if address == UInt32.max { break }
            address += 1
        }
        return Self.coalesce(addresses)
    }

    private func ranges(differingFrom other: [UInt8], _ include: (UInt32) -> Bool) -> [AddressRange] {
        var differing: [Int] = []
        actual.withUnsafeBufferPointer { mine in
            other.withUnsafeBufferPointer { theirs in
                for physical in 0..<min(mine.count, theirs.count) where mine[physical] != theirs[physical] {
                    differing.append(physical)
                }
            }
        }
        let addresses = differing.map { layout.address(ofPhysicalOffset: UInt32($0)) }.filter(include)
        return Self.coalesce(addresses)
    }

    static func coalesce(_ unsorted: [UInt32]) -> [AddressRange] {
        var ranges: [AddressRange] = []
        for address in unsorted.sorted() {
            if let last = ranges.last, last.to &+ 1 == address {
                ranges[ranges.count - 1].to = address
            } else {
                ranges.append(AddressRange(from: address, to: address))
            }
        }
        return ranges
    }
}
