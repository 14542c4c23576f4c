import FlashCore

/// A CMSIS flash algorithm as a vendor ships it: position-fixed Thumb code, its entry
/// points and what it declares about the flash (range, page size, sectors).
package struct VendorAlgorithm: Equatable, Sendable {
    /// Where the description came from, for messages.
    package enum Source: String, Sendable { case probeRs = "probe-rs", flm = "FLM" }

    package var name: String
    package var summary: String
    package var source: Source
    /// Code and initialised data, loaded at `loadAddress`.
    package var blob: [UInt8]
    package var loadAddress: UInt32
    /// Entry points, as offsets from `loadAddress` (Thumb bit as given).
    package var initOffset: UInt32?
    package var uninitOffset: UInt32?
    package var programPageOffset: UInt32
    package var eraseSectorOffset: UInt32
    package var eraseChipOffset: UInt32?
    /// The static base (R9) as an offset from `loadAddress`.
    package var dataSectionOffset: UInt32
    /// Declared flash range, end excluded.
    package var start: UInt32
    package var end: UInt64
    package var pageSize: UInt32
    package var erasedByte: UInt8
    /// Declared sectors: from each `address` (an offset from `start`) on, sectors of `size`.
    package var sectors: [SectorRun]

    package struct SectorRun: Equatable, Sendable {
        package var size: UInt32
        package var address: UInt32

        package init(size: UInt32, address: UInt32) {
            self.size = size
            self.address = address
        }
    }

    package init(
        name: String, summary: String, source: Source, blob: [UInt8], loadAddress: UInt32,
        initOffset: UInt32?, uninitOffset: UInt32?, programPageOffset: UInt32, eraseSectorOffset: UInt32,
        eraseChipOffset: UInt32?, dataSectionOffset: UInt32, start: UInt32, end: UInt64, pageSize: UInt32,
        erasedByte: UInt8, sectors: [SectorRun]
    ) {
        self.name = name
        self.summary = summary
        self.source = source
        self.blob = blob
        self.loadAddress = loadAddress
        self.initOffset = initOffset
        self.uninitOffset = uninitOffset
        self.programPageOffset = programPageOffset
        self.eraseSectorOffset = eraseSectorOffset
        self.eraseChipOffset = eraseChipOffset
        self.dataSectionOffset = dataSectionOffset
        self.start = start
        self.end = end
        self.pageSize = pageSize
        self.erasedByte = erasedByte
        self.sectors = sectors
    }

    package var addressRange: ClosedRange<UInt32> {
        start...UInt32(truncatingIfNeeded: max(end, UInt64(start) + 1) - 1)
    }

    /// The declared sector holding an address, or nil outside the range.
    package func sector(containing address: UInt32) -> DeclaredSector? {
        guard address >= start, UInt64(address) < end else { return nil }
        let offset = address - start
        guard let run = sectors.last(where: { $0.address <= offset }), run.size > 0 else { return nil }
        let index = (offset - run.address) / run.size
        let sectorStart = UInt64(start) + UInt64(run.address) + UInt64(index) * UInt64(run.size)
        guard sectorStart <= UInt64(UInt32.max) else { return nil }
        return DeclaredSector(start: UInt32(sectorStart), size: run.size)
    }

    /// Every declared sector, in order (bounded by the range).
    package var allSectors: [DeclaredSector] {
        var result: [DeclaredSector] = []
        var address = UInt64(start)
        while address < end, let sector = sector(containing: UInt32(address)) {
            result.append(sector)
            address = sector.end
        }
        return result
    }
}

/// A file of algorithms could not be read.
package struct AlgorithmFileError: Error, Equatable, Sendable, CustomStringConvertible {
    package let file: String
    package let reason: String
    /// True when the file could not be opened at all (not malformed).
    package let cannotOpen: Bool

    package init(file: String, reason: String, cannotOpen: Bool = false) {
        self.file = file
        self.reason = reason
        self.cannotOpen = cannotOpen
    }

    package var description: String { "\(file): \(reason)" }
}
