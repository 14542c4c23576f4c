import FlashCore

/// One device configuration an audit runs in.
package struct AuditConfiguration: Equatable, Sendable, CustomStringConvertible {
    package var part: Part
    package var dbank: Bool
    package var swapBank: Bool
    package var tzen: Bool
    /// The RDP byte (0xAA, level 0, unless the configuration is about readout protection).
    package var rdp: UInt32

    package init(part: Part, dbank: Bool, swapBank: Bool, tzen: Bool, rdp: UInt32 = ReadoutProtection.level0Code) {
        self.part = part
        self.dbank = dbank
        self.swapBank = swapBank
        self.tzen = tzen
        self.rdp = rdp
    }

    package var description: String {
        let level = ReadoutProtection(rdp: rdp, trustZone: tzen)
        return "\(part.name) DBANK=\(dbank ? 1 : 0) SWAP_BANK=\(swapBank ? 1 : 0) TZEN=\(tzen ? 1 : 0)"
            + (level == .level0 ? "" : " RDP \(level)")
    }

    /// A factory-fresh device in this configuration (option bytes as if launched).
    func state(filledWith pattern: [UInt8]) -> DeviceState {
        var state = DeviceState.factoryFresh(part)
        state.effective[OptionField.dbank] = dbank ? 1 : 0
        state.effective[OptionField.swapBank] = swapBank ? 1 : 0
        state.effective[OptionField.tzen] = tzen ? 1 : 0
        state.effective[OptionField.rdp] = rdp
        // On 256 KB parts DB256K selects the bank mode (reference §8): single bank there means both bits 0.
        if let db256k = OptionField.named("DB256K") { state.effective[db256k] = dbank ? 1 : 0 }
        state.pending = state.effective
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
        /// Every call returned 0 while the controller raised an error flag the algorithm never
        /// reported: a tool trusting the return codes says it worked.
        case silentError = "silent-error"
        /// The algorithm wrote a key sequence to a register that was already unlocked: a wrong
        /// sequence (reference §8), a bus fault, and the register locked until reset.
        case unlocksTwice = "unlocks-twice"
        /// At RDP level 1 the algorithm reported success, or the flash changed, though the user
        /// flash refuses code in SRAM (reference §8).
        case readoutProtection = "readout-protection"
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
    /// What the algorithm did where it behaved as the silicon rules say (no finding), such as
    /// how it fails at RDP level 1.
    package var notes: [String] = []
}
