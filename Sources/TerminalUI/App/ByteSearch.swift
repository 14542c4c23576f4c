import FlashCore
import TerminalKit

/// Finding bytes in flash, by address, for `/`, `n`/`N` and `]`/`[`.
package enum ByteSearch {
    /// What `/` looks for.
    package struct Pattern: Equatable, Sendable {
        package var bytes: [UInt8]
        /// As typed, for the status line.
        package var text: String

        /// Hex pairs (`de ad be ef`, `DEADBEEF`) are bytes; anything else, or text in
        /// double quotes, is searched as UTF-8 text.
        package init?(_ typed: String) {
            let trimmed = typed.trimmingWhitespace
            guard !trimmed.isEmpty else { return nil }
            text = trimmed
            if trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") {
                bytes = Array(trimmed.dropFirst().dropLast().utf8)
            } else if let hexBytes = Self.hexBytes(trimmed) {
                bytes = hexBytes
            } else {
                bytes = Array(trimmed.utf8)
            }
            if bytes.isEmpty { return nil }
        }

        private static func hexBytes(_ text: String) -> [UInt8]? {
            let digits = text.filter { !$0.isWhitespace }
            guard digits.count % 2 == 0, digits.allSatisfy(\.isHexDigit) else { return nil }
            var bytes: [UInt8] = []
            var index = digits.startIndex
            while index < digits.endIndex {
                let next = digits.index(index, offsetBy: 2)
                guard let byte = UInt8(digits[index..<next], radix: 16) else { return nil }
                bytes.append(byte)
                index = next
            }
            return bytes
        }
    }

    /// The flash as address ranges with their bytes, in address order: the banks, then the runs
    /// of OCTOSPI sectors that hold data (an erased sector holds nothing worth finding).
    static func regions(of machine: Machine) -> [(start: UInt32, bytes: ArraySlice<UInt8>)] {
        let layout = machine.layout
        let flash = machine.controller.array.bytes
        var regions: [(start: UInt32, bytes: ArraySlice<UInt8>)] = (1...layout.bankCount).map { bank in
            let physical = layout.physicalBank(forLogical: bank)
            let offset = layout.dualBank ? Int(layout.physicalOffset(physicalBank: physical, page: 0)) : 0
            return (layout.bankStart(bank), flash[offset..<offset + Int(layout.bankSize)])
        }
        guard let nor = machine.ospi?.flash else { return regions }
        let size = nor.geometry.sectorSize
        var run: (start: UInt32, bytes: [UInt8])?
        for offset in (machine.state.ospi?.offsets ?? []).sorted() {
            guard let bytes = nor.sectorContents(atOffset: offset) else { continue }
            if let current = run, current.start + UInt32(current.bytes.count) == offset {
                run?.bytes += bytes
            } else {
                if let current = run { regions.append((FlashRegion.ospiBase + current.start, current.bytes[...])) }
                run = (offset, bytes)
            }
        }
        if let current = run, current.bytes.count >= Int(size) {
            regions.append((FlashRegion.ospiBase + current.start, current.bytes[...]))
        }
        return regions
    }

    /// The first match after `address` (or before it, going backwards), wrapping around once.
    package static func find(_ pattern: Pattern, in machine: Machine, from address: UInt32, forward: Bool) -> UInt32? {
        var matches: [UInt32] = []
        for region in regions(of: machine) {
            let bytes = Array(region.bytes)
            let count = pattern.bytes.count
            guard bytes.count >= count, let first = pattern.bytes.first else { continue }
            var index = 0
            while index <= bytes.count - count {
                if bytes[index] == first, bytes[index..<index + count].elementsEqual(pattern.bytes) {
                    matches.append(region.start + UInt32(index))
                }
                index += 1
            }
        }
        return pick(matches, from: address, forward: forward)
    }

    /// The next (or previous) address where flash differs from `image`, wrapping around once.
    package static func nextDifference(from address: UInt32, image: MemoryImage, in machine: Machine, forward: Bool)
        -> UInt32?
    {
        let flash = machine.controller.array.bytes
        let layout = machine.layout
        var differences: [UInt32] = []
        let nor = machine.ospi?.flash
        var sector: (offset: UInt32, bytes: [UInt8]?) = (UInt32.max, nil)
        for segment in image.segments {
            for (index, byte) in segment.bytes.enumerated() {
                let target = segment.address &+ UInt32(index)
                if let nor, FlashRegion.of(target) == .ospi {
                    let offset = target - FlashRegion.ospiBase
                    guard offset < nor.geometry.size else { continue }
                    let start = offset - offset % nor.geometry.sectorSize
                    if sector.offset != start { sector = (start, nor.sectorContents(atOffset: start)) }
                    if (sector.bytes?[Int(offset - start)] ?? 0xFF) != byte { differences.append(target) }
                    continue
                }
                guard let location = try? layout.locate(target) else { continue }
                if flash[Int(location.physicalOffset)] != byte {
                    differences.append(FlashLayout.nonSecureTwin(target))
                }
            }
        }
        return pick(differences.sorted(), from: address, forward: forward)
    }

    private static func pick(_ sorted: [UInt32], from address: UInt32, forward: Bool) -> UInt32? {
        if forward { return sorted.first { $0 > address } ?? sorted.first }
        return sorted.last { $0 < address } ?? sorted.last
    }
}
