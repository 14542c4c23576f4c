/// Address ranges merged and sorted, asked whether they hold an address in O(log n).
struct AddressSet {
    private(set) var ranges: [AddressRange] = []

    init(_ ranges: [AddressRange]) {
        for range in ranges.sorted(by: { $0.from < $1.from }) {
            if let last = self.ranges.last, UInt64(range.from) <= UInt64(last.to) + 1 {
                self.ranges[self.ranges.count - 1].to = max(last.to, range.to)
            } else {
                self.ranges.append(range)
            }
        }
    }

    func contains(_ address: UInt32) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].to < address { low = mid + 1 } else { high = mid }
        }
        return low < ranges.count && ranges[low].from <= address
    }

    /// How many addresses of `[from, from + count)` the set holds, and the runs it does not.
    func split(from: UInt32, count: Int) -> (inside: Int, outside: [AddressRange]) {
        guard count > 0 else { return (0, []) }
        let end = UInt64(from) + UInt64(count)
        var inside = 0
        var outside: [AddressRange] = []
        var cursor = UInt64(from)
        for range in ranges where UInt64(range.to) >= UInt64(from) && UInt64(range.from) < end {
            let low = max(UInt64(range.from), UInt64(from))
            let high = min(UInt64(range.to) + 1, end)
            if low > cursor { outside.append(AddressRange(from: UInt32(cursor), to: UInt32(low - 1))) }
            inside += Int(high - low)
            cursor = high
        }
        if cursor < end { outside.append(AddressRange(from: UInt32(cursor), to: UInt32(end - 1))) }
        return (inside, outside)
    }
}

/// Runs of consecutive addresses, from addresses in any order.
func contiguousRuns(_ addresses: [UInt32]) -> [AddressRange] {
    var runs: [AddressRange] = []
    for address in addresses.sorted() {
        if let last = runs.last, last.to &+ 1 == address {
            runs[runs.count - 1].to = address
        } else if runs.last?.to != address {
            runs.append(AddressRange(from: address, to: address))
        }
    }
    return runs
}

/// Bytes an operation destroyed outside what it was asked to change: bytes that held data
/// (were not 0xFF) before and hold something else after. Erased bytes are never counted, so
/// each range is a run of lost data, split wherever the flash was already erased.
enum Collateral {
    static func embedded(before: [UInt8], after: [UInt8], intended: [AddressRange], layout: FlashLayout)
        -> [AddressRange]
    {
        let asked = AddressSet(intended)
        var lost: [UInt32] = []
        let count = min(before.count, after.count)
        before.withUnsafeBytes { old in
            after.withUnsafeBytes { new in
                // Eight bytes at a time past what cannot count (erased before, or unchanged): an
                // operation touches a few pages of the whole array it is compared over.
                var offset = 0
                while offset < count {
                    let end = min(offset + 8, count)
                    if end - offset == 8 {
                        let word = old.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                        if word == ~0 || word == new.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                            offset = end
                            continue
                        }
                    }
                    for byte in offset..<end where old[byte] != 0xFF && old[byte] != new[byte] {
                        let address = layout.address(ofPhysicalOffset: UInt32(byte))
                        if !asked.contains(address) { lost.append(address) }
                    }
                    offset = end
                }
            }
        }
        return contiguousRuns(lost)
    }

    static func ospi(before: NORSnapshot, flash: MX25LM51245G, intended: [AddressRange]) -> [AddressRange] {
        let asked = AddressSet(intended)
        let sectorSize = Int(flash.geometry.sectorSize)
        var lost: [UInt32] = []
        for offset in flash.changedSectorOffsets.sorted() {
            let start = FlashRegion.ospiBase + offset
            guard let old = before.sector(Int(offset) / sectorSize) else { continue }
            let new = flash.sectorContents(atOffset: offset)
            guard old != new else { continue }
            for run in asked.split(from: start, count: sectorSize).outside {
                for address in run.from...run.to {
                    let index = Int(address - start)
                    if old[index] != 0xFF && old[index] != (new?[index] ?? 0xFF) { lost.append(address) }
                }
            }
        }
        return contiguousRuns(lost)
    }
}

/// What a program wrote, counted from what the device did: bytes of the image inside the
/// double words (or NOR pages) it programmed, and bytes outside the image that held data
/// and still hold it there (put back by preserve).
enum ProgrammedBytes {
    static func embedded(
        doubleWords: [UInt32], intended: [AddressRange], before: [UInt8], after: [UInt8],
        layout: FlashLayout
    ) -> (image: Int, preserved: Int) {
        let asked = AddressSet(intended)
        var image = 0
        var preserved = 0
        for word in Set(doubleWords) {
            let (inside, outside) = asked.split(from: word, count: ProgramRuns.doubleWord)
            image += inside
            for run in outside {
                for address in run.from...run.to {
                    guard let offset = try? Int(layout.locate(address).physicalOffset), offset < before.count else {
                        continue
                    }
                    if before[offset] != 0xFF && after[offset] == before[offset] { preserved += 1 }
                }
            }
        }
        return (image, preserved)
    }

    static func ospi(
        programs: [(offset: UInt32, count: Int)], intended: [AddressRange], before: NORSnapshot,
        flash: MX25LM51245G
    ) -> (image: Int, preserved: Int) {
        let asked = AddressSet(intended)
        let sectorSize = UInt32(flash.geometry.sectorSize)
        var image = 0
        var preserved = 0
        for program in programs {
            let (inside, outside) = asked.split(from: FlashRegion.ospiBase + program.offset, count: program.count)
            image += inside
            for run in outside {
                for address in run.from...run.to {
                    let offset = address - FlashRegion.ospiBase
                    let index = Int(offset % sectorSize)
                    guard let old = before.sector(Int(offset / sectorSize)), old[index] != 0xFF else { continue }
                    if flash.sectorContents(atOffset: offset - offset % sectorSize)?[index] == old[index] {
                        preserved += 1
                    }
                }
            }
        }
        return (image, preserved)
    }
}

/// The chip as an operation found it, for accounting what the operation did (`FlashEngine.account`).
package struct OperationStart {
    let flash: [UInt8]
    let effective: OptionBytes
    let pending: OptionBytes
    let ospi: NORSnapshot?
    let time: UInt64
    let accesses: Int
    /// System resets (OBL_LAUNCH) the machine had counted.
    let resets: Int

    package var effectiveOptions: OptionBytes { effective }
    package var pendingOptions: OptionBytes { pending }
}
