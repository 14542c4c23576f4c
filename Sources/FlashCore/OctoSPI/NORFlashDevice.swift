/// Size and erase units of a NOR flash.
package struct NORGeometry: Sendable, Equatable {
    package let size: UInt32
    package let sectorSize: UInt32
    package let blockSize: UInt32
    package let pageSize: UInt32
}

/// What a device file keeps of a NOR flash: sectors that are not erased, and the non-volatile configuration.
package struct NORPersistentState: Sendable, Equatable {
    /// Sector start offset → `sectorSize` bytes; erased sectors are absent.
    package var sectors: [UInt32: [UInt8]]
    /// Non-volatile configuration bytes by register name (for the MX25LM51245G: `SR`, `CR`, `CR2@40000000`).
    package var nonVolatile: [String: UInt8]
    /// Further sectors not loaded yet; an offset in `sectors` wins over the source.
    package var source: SectorSource?

    package init(sectors: [UInt32: [UInt8]] = [:], nonVolatile: [String: UInt8] = [:], source: SectorSource? = nil) {
        self.sectors = sectors
        self.nonVolatile = nonVolatile
        self.source = source
    }

    /// A sector's bytes, loading it from the source when needed; nil when erased.
    package func sector(at offset: UInt32) -> [UInt8]? {
        sectors[offset] ?? source?.load(offset)
    }

    /// Offsets of every sector holding data, loaded or not.
    package var offsets: Set<UInt32> {
        guard !sectors.isEmpty else { return source?.offsets ?? [] }
        return Set(sectors.keys).union(source?.offsets.subtracting(sectors.keys) ?? [])
    }

    /// Every sector loaded (for comparisons and exports).
    package var allSectors: [UInt32: [UInt8]] {
        var result = sectors
        for offset in source?.offsets ?? [] where result[offset] == nil {
            if let bytes = source?.load(offset) { result[offset] = bytes }
        }
        return result
    }

    package static func == (left: NORPersistentState, right: NORPersistentState) -> Bool {
        left.nonVolatile == right.nonVolatile && left.allSectors == right.allSectors
    }
}

/// Saved NOR state that cannot belong to the part (a device file written by something else).
package struct NORStateError: Error, Equatable, Sendable, CustomStringConvertible {
    package let text: String
    package var description: String { text }
}

/// A serial NOR flash as the OCTOSPI controller sees it: one transaction in, bytes out.
package protocol NORFlashDevice: AnyObject {
    var geometry: NORGeometry { get }
    var mode: NORProtocolMode { get }
    /// Status register WIP.
    var isBusy: Bool { get }
    /// When the flash next changes state by itself (end of a program or erase), so a poller can wait for it.
    var nextStateChange: UInt64? { get }
    func execute(_ transaction: NORTransaction) -> NORResponse
    /// Power off and on: volatile state back to power-on values, contents and non-volatile bits kept.
    func powerCycle()
    var persistentState: NORPersistentState { get }
}
