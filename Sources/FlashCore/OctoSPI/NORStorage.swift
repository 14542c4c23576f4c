/// The NOR array, stored sparsely: only 4 KiB sectors that hold a programmed bit have a buffer.
struct NORStorage {
    let size: Int
    let sectorSize: Int
    private let sectorShift: Int
    private var sectors: [[UInt8]?]
    /// Sectors whose contents changed since the last `clearChanges()`.
    private(set) var changed = Set<Int>()
    /// Where sectors not loaded yet come from, and which those are.
    private var source: SectorSource?
    private var unloaded: [Bool] = []
    private var unloadedCount = 0

    init(size: Int, sectorSize: Int) {
        self.size = size
        self.sectorSize = sectorSize
        sectorShift = sectorSize.trailingZeroBitCount
        sectors = Array(repeating: nil, count: size / sectorSize)
    }

    var allocatedSectors: Int { sectors.reduce(0) { $0 + ($1 == nil ? 0 : 1) } + unloadedCount }

    /// Brings a sector in from the source the first time it is touched.
    private mutating func ensureLoaded(_ index: Int) {
        guard unloadedCount > 0, unloaded[index] else { return }
        unloaded[index] = false
        unloadedCount -= 1
        if let bytes = source?.load(UInt32(index * sectorSize)), bytes.count == sectorSize { sectors[index] = bytes }
    }

    private mutating func ensureLoaded(from offset: Int, count: Int) {
        guard unloadedCount > 0, count > 0 else { return }
        var position = offset & (size - 1)
        var remaining = count
        while remaining > 0 {
            ensureLoaded(position >> sectorShift)
            let run = min(remaining, sectorSize - (position & (sectorSize - 1)))
            remaining -= run
            position = (position + run) & (size - 1)
        }
    }

    /// Copies bytes from `offset` (wrapping at the end of the array) into `out`.
    mutating func read(from offset: Int, count: Int, into out: inout [UInt8]) {
        ensureLoaded(from: offset, count: count)
        var position = offset & (size - 1)
        var remaining = count
        while remaining > 0 {
            let index = position >> sectorShift
            let inSector = position & (sectorSize - 1)
            let run = min(remaining, sectorSize - inSector)
            if let sector = sectors[index] {
                out.append(contentsOf: sector[inSector..<inSector + run])
            } else {
                out.append(contentsOf: repeatElement(0xFF, count: run))
            }
            remaining -= run
            position = (position + run) & (size - 1)
        }
    }

    /// Programs bytes at `offset`, which must not cross a sector: each byte can only clear bits.
    mutating func program(at offset: Int, _ bytes: ArraySlice<UInt8>) {
        guard bytes.contains(where: { $0 != 0xFF }) else { return }
        let index = offset >> sectorShift
        ensureLoaded(index)
        let inSector = offset & (sectorSize - 1)
        if sectors[index] == nil { sectors[index] = [UInt8](repeating: 0xFF, count: sectorSize) }
        changed.insert(index)
        sectors[index]?.withUnsafeMutableBufferPointer { sector in
            var position = inSector
            for byte in bytes {
                sector[position] &= byte
                position += 1
            }
        }
    }

    mutating func eraseSector(_ index: Int) {
        ensureLoaded(index)
        if sectors[index] != nil { changed.insert(index) }
        sectors[index] = nil
    }

    mutating func eraseAll() {
        for index in sectors.indices where unloadedCount > 0 && unloaded[index] {
            ensureLoaded(index)
        }
        for index in sectors.indices where sectors[index] != nil {
            changed.insert(index)
            sectors[index] = nil
        }
    }

    mutating func clearChanges() { changed.removeAll() }

    /// A sector's bytes, or nil when it is erased. (Arrays are shared until written, so this is cheap.)
    func sector(_ index: Int) -> [UInt8]? {
        if unloadedCount > 0, unloaded[index] { return source?.load(UInt32(index * sectorSize)) }
        return sectors[index]
    }

    /// A cheap picture of the array before an operation (buffers are shared copy-on-write).
    var snapshot: NORSnapshot {
        NORSnapshot(
            sectors: sectors, unloaded: unloadedCount > 0 ? unloaded : [], source: source, sectorSize: sectorSize)
    }

    /// Non-erased loaded sectors by start offset, and the source for those never loaded.
    var persistent: (sectors: [UInt32: [UInt8]], source: SectorSource?) {
        var result: [UInt32: [UInt8]] = [:]
        for (index, sector) in sectors.enumerated() {
            if let sector, sector.contains(where: { $0 != 0xFF }) { result[UInt32(index * sectorSize)] = sector }
        }
        guard unloadedCount > 0, let source else { return (result, nil) }
        // Nothing fetched yet (the usual case for a large flash): the source as it is, not a copy of its offsets.
        if unloadedCount == source.offsets.count { return (result, source) }
        let remaining = Set(unloaded.indices.filter { unloaded[$0] }.map { UInt32($0 * sectorSize) })
        return (result, source.restricted(to: remaining))
    }

    /// Loads saved sectors (and a source for the rest); returns false if one is misplaced or the wrong size.
    mutating func load(_ saved: [UInt32: [UInt8]], source: SectorSource? = nil) -> Bool {
        eraseAll()
        changed.removeAll()
        for (offset, bytes) in saved {
            let offset = Int(offset)
            guard offset % sectorSize == 0, offset < size, bytes.count == sectorSize else { return false }
            sectors[offset / sectorSize] = bytes
        }
        guard let source else { return true }
        unloaded = [Bool](repeating: false, count: sectors.count)
        for offset in source.offsets where saved[offset] == nil {
            let offset = Int(offset)
            guard offset % sectorSize == 0, offset < size else { return false }
            unloaded[offset / sectorSize] = true
            unloadedCount += 1
        }
        self.source = source
        return true
    }
}

/// The NOR array as it was at one moment, to compare with after an operation.
struct NORSnapshot {
    let sectors: [[UInt8]?]
    let unloaded: [Bool]
    let source: SectorSource?
    let sectorSize: Int

    func sector(_ index: Int) -> [UInt8]? {
        if !unloaded.isEmpty, unloaded[index] { return source?.load(UInt32(index * sectorSize)) }
        return index < sectors.count ? sectors[index] : nil
    }
}
