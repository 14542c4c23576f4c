import FlashCore

/// The flash of two scratch devices after the same request, compared byte by byte in
/// address order (physical offsets mapped through the layout, so SWAP_BANK is honoured).
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
        actualRanges { address, value in include(address) && value != before[offset(address)] }
    }

    /// Addresses where the algorithm's result differs from bank-aware's.
    func differences(where include: (UInt32) -> Bool = { _ in true }) -> [AddressRange] {
        actualRanges { address, value in include(address) && value != model[offset(address)] }
    }

    /// Addresses (with the algorithm's byte there) that satisfy `test`, as ranges.
    func actualRanges(_ test: (UInt32, UInt8) -> Bool) -> [AddressRange] {
        var addresses: [UInt32] = []
        for physical in 0..<min(actual.count, before.count) {
            let address = layout.address(ofPhysicalOffset: UInt32(physical))
            if test(address, actual[physical]) { addresses.append(address) }
        }
        addresses.sort()
        var ranges: [AddressRange] = []
        for address in addresses {
            if let last = ranges.last, last.to &+ 1 == address {
                ranges[ranges.count - 1].to = address
            } else {
                ranges.append(AddressRange(from: address, to: address))
            }
        }
        return ranges
    }

    private func offset(_ address: UInt32) -> Int {
        Int((try? layout.locate(address))?.physicalOffset ?? 0)
    }
}
