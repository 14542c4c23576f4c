/// The NOR array, stored sparsely: only 4 KiB sectors that hold a programmed bit have a buffer.
struct NORStorage {
    let size: Int
    let sectorSize: Int
    private let sectorShift: Int
    private var sectors: [[UInt8]?]
    /// Sectors whose contents changed since the last `clearChanges()`.
    private(set) var changed = Set<Int>()

    init(size: Int, sectorSize: Int) {
        self.size = size
        self.sectorSize = sectorSize
        sectorShift = sectorSize.trailingZeroBitCount
        sectors = Array(repeating: nil, count: size / sectorSize)
    }

    var allocatedSectors: Int { sectors.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    /// Copies bytes from `offset` (wrapping at the end of the array) into `out`.
    func read(from offset: Int, count: Int, into out: inout [UInt8]) {
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
        if sectors[index] != nil { changed.insert(index) }
        sectors[index] = nil
    }

    mutating func eraseAll() {
        for index in sectors.indices where sectors[index] != nil {
            changed.insert(index)
            sectors[index] = nil
        }
    }

    mutating func clearChanges() { changed.removeAll() }

    /// A sector's bytes, or nil when it is erased. (Arrays are shared until written, so this is cheap.)
    func sector(_ index: Int) -> [UInt8]? { sectors[index] }

    /// Every sector buffer, shared copy-on-write: a cheap picture of the array before an operation.
    var allSectors: [[UInt8]?] { sectors }

    /// Non-erased sectors by start offset (sectors that became all 0xFF again are left out).
    var persistent: [UInt32: [UInt8]] {
        var result: [UInt32: [UInt8]] = [:]
        for (index, sector) in sectors.enumerated() {
            if let sector, sector.contains(where: { $0 != 0xFF }) { result[UInt32(index * sectorSize)] = sector }
        }
        return result
    }

    /// Loads saved sectors; returns false if one is misplaced or the wrong size.
    mutating func load(_ saved: [UInt32: [UInt8]]) -> Bool {
        eraseAll()
        for (offset, bytes) in saved {
            let offset = Int(offset)
            guard offset % sectorSize == 0, offset < size, bytes.count == sectorSize else { return false }
            sectors[offset / sectorSize] = bytes
        }
        return true
    }
}
