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

    public init(sectors: [UInt32: [UInt8]] = [:], nonVolatile: [String: UInt8] = [:]) {
        self.sectors = sectors
        self.nonVolatile = nonVolatile
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
