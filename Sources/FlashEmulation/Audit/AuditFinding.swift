import FlashCore

/// One device configuration an audit runs in.
public struct AuditConfiguration: Equatable, Sendable, CustomStringConvertible {
    public var part: Part
    public var dbank: Bool
    public var swapBank: Bool
    public var tzen: Bool

    public init(part: Part, dbank: Bool, swapBank: Bool, tzen: Bool) {
        self.part = part
        self.dbank = dbank
        self.swapBank = swapBank
        self.tzen = tzen
    }

    public var description: String {
        "\(part.name) DBANK=\(dbank ? 1 : 0) SWAP_BANK=\(swapBank ? 1 : 0) TZEN=\(tzen ? 1 : 0)"
    }

    /// A factory-fresh device in this configuration (option bytes as if launched).
    func state(filledWith pattern: [UInt8]) -> DeviceState {
        var state = DeviceState.factoryFresh(part)
        var optr = state.effective[.optr]
        optr = dbank ? optr | (1 << 22) : optr & ~(1 << 22)
        optr = swapBank ? optr | (1 << 20) : optr & ~(1 << 20)
        optr = tzen ? optr | (1 << 31) : optr & ~(1 << 31)
        state.effective[.optr] = optr
        state.pending[.optr] = optr
        state.flash = pattern
        return state
    }
}

/// Something the algorithm did that the model's bank-aware algorithm does not, for the same request.
public struct AuditFinding: Equatable, Sendable {
    public enum Kind: String, Sendable {
        /// Bytes outside the declared sector lost their contents.
        case erasedOutsideSector = "erased-outside-sector"
        /// Bytes inside the declared sector were left as they were by an erase that reported success.
        case sectorNotErased = "sector-not-erased"
        /// After programming, flash differs from what bank-aware leaves.
        case programDiffers = "program-differs"
        /// The device raised an error flag that bank-aware does not provoke.
        case errorFlag = "error-flag"
        /// An entry point returned failure or faulted.
        case callFailed = "call-failed"
        /// The flash ends up otherwise different from bank-aware's result.
        case differsFromModel = "differs-from-model"
    }

    public var configuration: AuditConfiguration
    /// The engine request, e.g. `EraseSector(0x08000800)` or `program 0x08000800+2048`.
    public var call: String
    public var address: UInt32
    public var kind: Kind
    /// What the algorithm did.
    public var did: String
    /// What the model's bank-aware algorithm does for the same request.
    public var expected: String
    /// Bytes whose contents were lost or are not what was asked for.
    public var bytesAtRisk: UInt64
    /// Where, as address ranges.
    public var evidence: [AddressRange]
}

/// The outcome of `AlgorithmAudit.run`.
public struct AuditReport: Equatable, Sendable {
    public var algorithm: String
    public var configurations: [AuditConfiguration]
    /// Requests compared (erase, program and chip erase, over all configurations).
    public var checks: Int
    public var findings: [AuditFinding]
    /// Why a configuration was left out, if any was.
    public var skipped: [String]
}
