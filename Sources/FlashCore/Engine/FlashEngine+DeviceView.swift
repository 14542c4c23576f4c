/// Reading what the device holds, as a debugger with secure access does: with TrustZone on,
/// each page through the alias that may see it (a secure page at 0x0C00_0000, a non-secure one
/// at 0x0800_0000), so comparisons and the bytes kept by preserve are the contents, not the
/// zeros a mismatched alias reads (PageSecurity). A closed hide area stays closed. `read` (the
/// command) reads through the address given instead, as the bus does.
extension FlashEngine {
    func readContents(from address: UInt32, count: Int) -> [UInt8] {
        let controller = machine.controller
        guard controller.effective.trustZone, FlashLayout.isFlashWindow(address), count > 0 else {
            return readBytes(from: address, count: count)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        var cursor = UInt64(address)
        let end = cursor + UInt64(count)
        while cursor < end {
            let here = UInt32(cursor)
            guard let location = try? machine.layout.locate(here),
                let page = machine.layout.page(physicalBank: location.physicalBank, pnb: location.pnb)
            else {
                bytes += readBytes(from: here, count: Int(end - cursor))
                break
            }
            let pageEnd = min(end, UInt64(location.pageAddress) + UInt64(location.pageSize))
            let offset = FlashLayout.offset(here)
            let twin: UInt32
            switch controller.security(of: page) {
            case .secure: twin = FlashLayout.secureBase | offset
            case .nonSecure: twin = FlashLayout.nonSecureBase | offset
            case .hidden: twin = here
            }
            bytes += readBytes(from: twin, count: Int(pageEnd - cursor))
            cursor = pageEnd
        }
        return bytes
    }

    /// The ranges of `[address, address + count)` that a bus read there sees as zero or not at all
    /// (TrustZone, a closed hide area), merged, for the front ends to say why.
    package func refusedRanges(from address: UInt32, count: Int) -> [AddressRange] {
        let controller = machine.controller
        guard controller.effective.trustZone, FlashLayout.isFlashWindow(address), count > 0 else { return [] }
        let window =
            address >= FlashLayout.secureBase && address - FlashLayout.secureBase < FlashLayout.windowSize ? 1 : 0
        var ranges: [AddressRange] = []
        var cursor = UInt64(address)
        let end = cursor + UInt64(count)
        while cursor < end {
            let here = UInt32(cursor)
            guard let location = try? machine.layout.locate(here) else { break }
            let pageEnd = min(end, UInt64(location.pageAddress) + UInt64(location.pageSize))
            if controller.readRefusal(address: here, size: .byte, window: window) != nil {
                let last = UInt32(pageEnd - 1)
                if let previous = ranges.last, previous.to &+ 1 == here {
                    ranges[ranges.count - 1].to = last
                } else {
                    ranges.append(AddressRange(from: here, to: last))
                }
            }
            cursor = pageEnd
        }
        return ranges
    }
}
