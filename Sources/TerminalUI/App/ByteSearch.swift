import FlashCore
import TerminalKit

/// Finding bytes in flash, by address, for `/`, `n`/`N` and `]`/`[`.
package enum ByteSearch {
    /// What `/` looks for.
    package struct Pattern: Equatable, Sendable {
        package var bytes: [UInt8]
        /// As typed, for the status line.
        package var text: String

        /// Parses what `/` was given:
        /// - `0xDEADBEEF`: a value as a little-endian Cortex-M stores it (EF BE AD DE), in the fewest of
        ///   1, 2, 4 or 8 bytes that hold its digits;
        /// - only hex digits and spaces (`de ad be ef`, `DEADBEEF`): those bytes, two digits each;
        /// - `"text"` in double quotes, or anything else: its UTF-8 bytes.
        /// - Throws: a line saying what is wrong with a hex form (an odd digit, too many digits).
        package init(parsing typed: String) throws(PatternError) {
            let trimmed = typed.trimmingWhitespace
            guard !trimmed.isEmpty else {
                throw PatternError("type hex bytes (de ad be ef), a word (0xDEADBEEF) or text")
            }
            text = trimmed
            if trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") {
                bytes = Array(trimmed.dropFirst().dropLast().utf8)
            } else if trimmed.lowercased().hasPrefix("0x") {
                bytes = try Self.word(String(trimmed.dropFirst(2)))
            } else if trimmed.allSatisfy({ $0.isHexDigit || $0 == " " }) {
                bytes = try Self.hexBytes(trimmed)
            } else {
                bytes = Array(trimmed.utf8)
            }
            if bytes.isEmpty { throw PatternError("nothing to find between the quotes") }
        }

        /// `/0x…`: the value's bytes, least significant first.
        private static func word(_ digits: String) throws(PatternError) -> [UInt8] {
            guard !digits.isEmpty, digits.count <= 16, let value = UInt64(digits, radix: 16) else {
                throw PatternError("0x\(digits): a word is 1 to 16 hex digits (0xDEADBEEF)")
            }
            let size = [1, 2, 4, 8].first { $0 * 2 >= digits.count } ?? 8
            return (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        }

        /// Hex digits in pairs; spaces may separate the pairs, never split one.
        private static func hexBytes(_ text: String) throws(PatternError) -> [UInt8] {
            var bytes: [UInt8] = []
            for group in text.split(separator: " ") {
                guard group.count % 2 == 0 else {
                    throw PatternError(
                        "\(group): hex bytes take two digits each (de ad be ef); quote text to find it (\"\(text)\")")
                }
                var index = group.startIndex
                while index < group.endIndex {
                    let next = group.index(index, offsetBy: 2)
                    guard let byte = UInt8(group[index..<next], radix: 16) else {
                        throw PatternError("\(group): not hex")
                    }
                    bytes.append(byte)
                    index = next
                }
            }
            return bytes
        }
    }

    /// Why a search pattern cannot be used, in a line for the prompt.
    package struct PatternError: Error, Equatable, Sendable, CustomStringConvertible {
        package var description: String
        init(_ description: String) { self.description = description }
    }

    /// A match, and whether finding it went round the end (or the start) of the flash.
    package struct Found: Equatable, Sendable {
        package var address: UInt32
        package var wrapped: Bool
    }

    /// A run of bytes that differ from the loaded file.
    package struct DifferingRange: Equatable, Sendable {
        package var start: UInt32
        package var count: Int
        package var wrapped: Bool
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
    package static func find(_ pattern: Pattern, in machine: Machine, from address: UInt32, forward: Bool) -> Found? {
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

    /// The start of the next (or previous) run of addresses where flash differs from `image`,
    /// wrapping around once. Going back from inside a run finds that run's start.
    package static func nextDifference(from address: UInt32, image: MemoryImage, in machine: Machine, forward: Bool)
        -> DifferingRange?
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
        var runs: [(start: UInt32, count: Int)] = []
        for difference in differences.sorted() {
            if let last = runs.last, UInt64(last.start) + UInt64(last.count) == UInt64(difference) {
                runs[runs.count - 1].count += 1
            } else {
                runs.append((difference, 1))
            }
        }
        guard let found = pick(runs.map(\.start), from: address, forward: forward),
            let run = runs.first(where: { $0.start == found.address })
        else { return nil }
        return DifferingRange(start: run.start, count: run.count, wrapped: found.wrapped)
    }

    static func pick(_ sorted: [UInt32], from address: UInt32, forward: Bool) -> Found? {
        if forward {
            if let next = sorted.first(where: { $0 > address }) { return Found(address: next, wrapped: false) }
            return sorted.first.map { Found(address: $0, wrapped: true) }
        }
        if let previous = sorted.last(where: { $0 < address }) { return Found(address: previous, wrapped: false) }
        return sorted.last.map { Found(address: $0, wrapped: true) }
    }
}
