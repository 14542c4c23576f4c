import FlashCore

/// One device configuration an audit runs in.
package struct AuditConfiguration: Equatable, Sendable, CustomStringConvertible {
    package var part: Part
    package var dbank: Bool
    package var swapBank: Bool
    package var tzen: Bool

    package init(part: Part, dbank: Bool, swapBank: Bool, tzen: Bool) {
        self.part = part
        self.dbank = dbank
        self.swapBank = swapBank
        self.tzen = tzen
    }

    package var description: String {
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
        // On 256 KB parts DB256K selects the bank mode (reference §8): single bank there means both bits 0.
        if let db256k = OptionField.named("DB256K") { state.effective[db256k] = dbank ? 1 : 0 }
        state.pending[.optr] = state.effective[.optr]
        state.flash = pattern
        return state
    }
}

/// Something the algorithm did that the model's bank-aware algorithm does not, for the same request.
package struct AuditFinding: Equatable, Sendable {
    package enum Kind: String, Sendable {
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

    package var configuration: AuditConfiguration
    /// The engine request, e.g. `EraseSector(0x08000800)` or `program 0x08000800+2048`.
    package var call: String
    package var address: UInt32
    package var kind: Kind
    /// What the algorithm did.
    package var did: String
    /// What the model's bank-aware algorithm does for the same request.
    package var expected: String
    /// Bytes whose contents were lost or are not what was asked for.
    package var bytesAtRisk: UInt64
    /// Where, as address ranges.
    package var evidence: [AddressRange]
}

/// The outcome of `AlgorithmAudit.run`.
package struct AuditReport: Equatable, Sendable {
    package var algorithm: String
    package var configurations: [AuditConfiguration]
    /// Requests compared (erase, program and chip erase, over all configurations).
    package var checks: Int
    package var findings: [AuditFinding]
    /// Why a configuration was left out, if any was.
    package var skipped: [String]
}
