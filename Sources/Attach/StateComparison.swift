import FlashCore

/// How two device states differ as a debugger reads them: the part, the option fields, the
/// embedded flash in address order (what `flashscope read` shows under each state's own
/// layout), OTP, UID and the OCTOSPI flash, as ranges the way `diff` lists them.
package struct StateComparison: Equatable, Sendable {
    package struct ByteRange: Equatable, Sendable {
        package let area: String
        package let range: AddressRange
    }

    package var part: (String, String)?
    package var options: [OptionChange] = []
    package var bytes: [ByteRange] = []
    package var uid: (String, String)?

    package var isEqual: Bool { part == nil && options.isEmpty && bytes.isEmpty && uid == nil }

    package static func == (left: StateComparison, right: StateComparison) -> Bool {
        left.part?.0 == right.part?.0 && left.part?.1 == right.part?.1 && left.options == right.options
            && left.bytes == right.bytes && left.uid?.0 == right.uid?.0 && left.uid?.1 == right.uid?.1
    }

    /// `left` is the board, `right` the device file.
    package init(_ left: DeviceState, _ right: DeviceState) {
        if left.part != right.part { part = (left.part.name, right.part.name) }
        options = OptionChange.between(left.effective, right.effective, staged: false)
        let size = Int(min(left.part.flashSize, right.part.flashSize))
        bytes += Self.ranges(
            "flash", from: FlashLayout.nonSecureBase, Self.addressOrder(left, size), Self.addressOrder(right, size))
        bytes += Self.ranges("otp", from: SystemArea.otpBase, left.otp, right.otp)
        if left.uid != right.uid { uid = (left.uid.description, right.uid.description) }
        if let leftNOR = left.ospi, let rightNOR = right.ospi {
            let sectorSize = Int(MX25LM51245G.geometry.sectorSize)
            let erased = [UInt8](repeating: 0xFF, count: sectorSize)
            for offset in Set(leftNOR.sectors.keys).union(rightNOR.sectors.keys).sorted() {
                bytes += Self.ranges(
                    "octospi", from: FlashRegion.ospiBase + offset, leftNOR.sector(at: offset) ?? erased,
                    rightNOR.sector(at: offset) ?? erased)
            }
        }
    }

    /// The embedded flash as the CPU sees it from 0x08000000 under the state's own layout.
    static func addressOrder(_ state: DeviceState, _ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0xFF, count: count)
        let layout = FlashLayout(part: state.part, options: state.effective, assumptions: state.assumptions)
        for page in layout.pages {
            let start = Int(page.address - FlashLayout.nonSecureBase)
            let physical = Int(page.physicalOffset)
            let length = min(Int(page.size), count - start, state.flash.count - physical)
            guard start >= 0, length > 0 else { continue }
            out.replaceSubrange(start..<(start + length), with: state.flash[physical..<(physical + length)])
        }
        return out
    }

    static func ranges(_ area: String, from base: UInt32, _ left: [UInt8], _ right: [UInt8]) -> [ByteRange] {
        var out: [ByteRange] = []
        var index = 0
        let count = min(left.count, right.count)
        while index < count {
            guard left[index] != right[index] else {
                index += 1
                continue
            }
            let start = index
            while index < count, left[index] != right[index] { index += 1 }
            out.append(
                ByteRange(area: area, range: AddressRange(from: base + UInt32(start), to: base + UInt32(index - 1))))
        }
        return out
    }
}
