/// Size and erase units of a NOR flash.
public struct NORGeometry: Sendable, Equatable {
    public let size: UInt32
    public let sectorSize: UInt32
    public let blockSize: UInt32
    public let pageSize: UInt32
}

/// What a device file keeps of a NOR flash: sectors that are not erased, and the non-volatile configuration.
public struct NORPersistentState: Sendable, Equatable {
    /// Sector start offset → `sectorSize` bytes; erased sectors are absent.
    public var sectors: [UInt32: [UInt8]]
    /// Non-volatile configuration bytes by register name (for the MX25LM51245G: `SR`, `CR`, `CR2@40000000`).
    public var nonVolatile: [String: UInt8]
    /// Further sectors not loaded yet; an offset in `sectors` wins over the source.
    public var source: SectorSource?

    public init(sectors: [UInt32: [UInt8]] = [:], nonVolatile: [String: UInt8] = [:], source: SectorSource? = nil) {
        self.sectors = sectors
        self.nonVolatile = nonVolatile
        self.source = source
    }

    /// A sector's bytes, loading it from the source when needed; nil when erased.
    public func sector(at offset: UInt32) -> [UInt8]? {
        sectors[offset] ?? source?.load(offset)
    }

    /// Offsets of every sector holding data, loaded or not.
    public var offsets: Set<UInt32> {
        Set(sectors.keys).union(source?.offsets.subtracting(sectors.keys) ?? [])
    }

    /// Every sector loaded (for comparisons and exports).
    public var allSectors: [UInt32: [UInt8]] {
        var result = sectors
        for offset in source?.offsets ?? [] where result[offset] == nil {
            if let bytes = source?.load(offset) { result[offset] = bytes }
        }
        return result
    }

    public static func == (left: NORPersistentState, right: NORPersistentState) -> Bool {
        left.nonVolatile == right.nonVolatile && left.allSectors == right.allSectors
    }
}

/// Saved NOR state that cannot belong to the part (a device file written by something else).
public struct NORStateError: Error, Equatable, Sendable, CustomStringConvertible {
    public let text: String
    public var description: String { text }
}

/// A serial NOR flash as the OCTOSPI controller sees it: one transaction in, bytes out.
public protocol NORFlashDevice: AnyObject {
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
