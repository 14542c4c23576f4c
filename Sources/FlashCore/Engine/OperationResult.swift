/// A range of addresses, both ends included.
public struct AddressRange: Equatable, Sendable {
    public var from: UInt32
    public var to: UInt32

    public init(from: UInt32, to: UInt32) {
        self.from = from
        self.to = to
    }

    public var count: UInt64 { UInt64(to) - UInt64(from) + 1 }
}

/// A page the operation erased, as the controller was told and as it landed.
public struct ErasedPage: Equatable, Sendable {
    /// Which flash; for the OCTOSPI flash `pnb` is the sector or block number and `bker` is 0.
    public var region: FlashRegion = .flash
    public var pageAddress: UInt32
    public var pnb: Int
    public var bker: Int
    public var pageSize: UInt32
    public var physicalBank: Int

    public init(region: FlashRegion = .flash, pageAddress: UInt32, pnb: Int, bker: Int, pageSize: UInt32, physicalBank: Int) {
        self.region = region
        self.pageAddress = pageAddress
        self.pnb = pnb
        self.bker = bker
        self.pageSize = pageSize
        self.physicalBank = physicalBank
    }
}

/// An error flag the device raised, with what it means here.
public struct OperationError: Equatable, Sendable {
    public var flag: String
    public var address: UInt32
    public var explanation: String
}

/// What an engine operation did (or, for a plan, would do).
public struct OperationResult: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case erase, bankErase = "bank-erase", massErase = "mass-erase", chipErase = "chip-erase", program
        case optionBytes = "option-bytes", launch
    }

    public var kind: Kind
    public var algorithm: String
    /// True when this is a prediction on a scratch copy.
    public var predicted = false
    public var erased: [ErasedPage] = []
    public var bytesProgrammed = 0
    public var errors: [OperationError] = []
    /// Bytes outside what was asked for that held data and lost it.
    public var collateral: [AddressRange] = []
    /// Device time from the timing model, in nanoseconds.
    public var deviceTime: UInt64 = 0
    /// Entry points that returned failure, e.g. `EraseSector(0x08000800) returned 1`.
    public var failedCalls: [String] = []
    /// Addresses where verification found other bytes than asked for.
    public var verifyMismatches: [AddressRange]? = nil
    /// Bus accesses made.
    public var accesses = 0

    public init(kind: Kind, algorithm: String) {
        self.kind = kind
        self.algorithm = algorithm
    }

    public var succeeded: Bool { errors.isEmpty && failedCalls.isEmpty }

    public var collateralBytes: UInt64 { collateral.reduce(0) { $0 + $1.count } }

    /// One line for the history and the status line: `2 pages erased, 4096 bytes programmed, PROGERR at 0x08000800`.
    public var summary: String {
        var parts: [String] = []
        if !erased.isEmpty { parts.append("\(erased.count) page\(erased.count == 1 ? "" : "s") erased") }
        if bytesProgrammed > 0 { parts.append("\(bytesProgrammed) bytes programmed") }
        if let error = errors.first { parts.append("\(error.flag) at \(hex(error.address))") }
        if !collateral.isEmpty { parts.append("\(collateralBytes) bytes of collateral") }
        if parts.isEmpty { parts.append(succeeded ? "done" : "failed") }
        return parts.joined(separator: ", ")
    }
}
