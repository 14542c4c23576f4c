import FlashCore
import GDBRemote

/// One gdb `load`: the blocks vFlashErase names (split per region of the memory map, since gdb
/// merges neighbours across regions) and the bytes vFlashWrite sends, run through the engine at
/// vFlashDone as one operation with the selected algorithm (debug-port.md §7).
struct GDBFlashLoad {
    /// Erased ranges, each inside one flash region, with that region's block size.
    private(set) var erased: [(range: AddressRange, block: UInt32)] = []
    private(set) var image = MemoryImage()
    /// Things to tell the user at vFlashDone.
    private(set) var notes: [String] = []
    /// The lowest address the load touches (a vendor file's algorithm is chosen by it).
    var firstAddress: UInt32? {
        ([image.segments.first?.address] + erased.map { $0.range.from }).compactMap { $0 }.min()
    }
    var isEmpty: Bool { erased.isEmpty && image.segments.isEmpty }

    /// Records an erase; nil, or why it cannot be done (outside the flash, not block-aligned).
    mutating func erase(address: UInt32, length: UInt32, map: MemoryMap) -> String? {
        guard length > 0 else { return nil }
        var cursor = UInt64(address)
        let end = UInt64(address) + UInt64(length)
        while cursor < end {
            guard let region = map.flashRegion(at: UInt32(cursor)), case .flash(let block) = region.kind else {
                return
                    "vFlashErase: \(hex(UInt32(truncatingIfNeeded: cursor))) is not in a flash region of the memory map"
            }
            let start = UInt32(cursor)
            guard (start - region.start) % block == 0 else {
                return "vFlashErase: \(hex(start)) is not on a \(block)-byte block boundary of its region"
            }
            let stop = min(end, region.end)
            cursor = stop
            // OTP is programmed once and never erased: gdb's erase of it asks for nothing.
            if region.start == SystemArea.otpBase {
                notes.append("the OTP area cannot be erased; its vFlashErase is skipped, the writes go on")
                continue
            }
            erased.append((AddressRange(from: start, to: UInt32(stop - 1)), block))
        }
        return nil
    }

    /// Records a write; nil, or why it cannot be taken (outside the flash, overlapping an earlier write).
    mutating func write(address: UInt32, bytes: [UInt8], map: MemoryMap) -> String? {
        guard !bytes.isEmpty else { return nil }
        let last = UInt64(address) + UInt64(bytes.count) - 1
        guard let region = map.flashRegion(at: address), last < region.end else {
            return
                "vFlashWrite: \(hex(address)), \(bytes.count) bytes, is not inside one flash region of the memory map"
        }
        do { try image.insert(bytes, at: address) } catch {
            return "vFlashWrite: \(hex(address)) overlaps data written earlier in this load"
        }
        return nil
    }

    /// Blocks written to that no vFlashErase covered: gdb 13 skips the last block when the load
    /// ends on its first byte (debug-port.md §7).
    func unerasedBlocks(map: MemoryMap) -> [UInt32] {
        var blocks: Set<UInt32> = []
        for segment in image.segments {
            guard let region = map.flashRegion(at: segment.address), case .flash(let block) = region.kind,
                region.start != SystemArea.otpBase
            else { continue }
            var cursor = UInt64(segment.address)
            while cursor < segment.end {
                let start = region.start + (UInt32(cursor) - region.start) / block * block
                if !erased.contains(where: { $0.range.from <= start && start <= $0.range.to }) { blocks.insert(start) }
                cursor = UInt64(start) + UInt64(block)
            }
        }
        return blocks.sorted()
    }

    /// Erased blocks that no written byte falls in: the engine erases them on their own.
    func eraseOnlyRuns() -> [AddressRange] {
        var runs: [AddressRange] = []
        for (range, block) in erased {
            var start = UInt64(range.from)
            while start <= UInt64(range.to) {
                let blockEnd = start + UInt64(block) - 1
                let touched = image.segments.contains { UInt64($0.address) <= blockEnd && $0.end > start }
                if !touched {
                    if let last = runs.last, UInt64(last.to) + 1 == start {
                        runs[runs.count - 1].to = UInt32(blockEnd)
                    } else {
                        runs.append(AddressRange(from: UInt32(start), to: UInt32(blockEnd)))
                    }
                }
                start = blockEnd + 1
            }
        }
        return runs
    }

    /// Runs the load: erase-only blocks, then the image (each sector it touches erased and
    /// programmed, unwritten bytes left erased, as gdb erased them). One result for both.
    func run(on engine: FlashEngine, algorithm: any FlashAlgorithm) throws(EngineError) -> OperationResult {
        var parts: [OperationResult] = []
        for run in eraseOnlyRuns() {
            parts.append(try engine.erase(from: run.from, length: UInt32(run.count), using: algorithm))
            if !parts[parts.count - 1].succeeded { break }
        }
        if !image.segments.isEmpty, parts.allSatisfy(\.succeeded) {
            parts.append(try engine.program(image, using: algorithm, preserve: false))
        }
        return Self.combine(parts, algorithm: algorithm.name)
    }

    /// One result for the parts of a load, in the order they ran.
    static func combine(_ parts: [OperationResult], algorithm: String) -> OperationResult {
        var result = OperationResult(kind: .program, algorithm: parts.first?.algorithm ?? algorithm)
        for part in parts {
            result.erased += part.erased
            result.bytesProgrammed += part.bytesProgrammed
            result.bytesPreserved += part.bytesPreserved
            result.optionChanges += part.optionChanges
            result.errors += part.errors
            result.collateral += part.collateral
            result.deviceTime += part.deviceTime
            result.failedCalls += part.failedCalls
            result.accesses += part.accesses
            if part.reset != nil { result.reset = part.reset }
        }
        if let program = parts.last, program.kind == .program { result.algorithm = program.algorithm }
        return result
    }
}
