/// Something the flash controller did, kept independently of the trace so results
/// are exact even when tracing is off or bounded.
package enum ControllerEvent: Sendable, Equatable {
    /// A page erase: the page that was erased, and the PNB and BKER the control register held.
    case pageErased(FlashPage, sentPNB: Int, sentBKER: Int)
    /// A mass erase of one physical bank; `command` names the bits that started it (`MER1`, `MER1+MER2`).
    case bankErased(physicalBank: Int, command: String)
    /// One double word programmed, at its non-secure address.
    case programmed(address: UInt32)
    case flagRaised(StatusFlag, address: UInt32)
    case optionsProgrammed
    case optionsLaunched(bankModeChanged: Bool)
    /// OPTSTRT was refused by the protection rules (reference §8).
    case optionsRefused(OptionRefusal)
    /// A key register took a wrong sequence; `whileUnlocked` when the register was already unlocked.
    case keySequenceRejected(register: String, whileUnlocked: Bool)
    /// OBL_LAUNCH lowered RDP to level 0 from `from`: the user flash was mass-erased first.
    case readoutRegressed(from: ReadoutProtection)
}

/// The two register sets that start operations: non-secure (NSCR/NSSR) and secure (SECCR/SECSR).
enum ControlChannel: Int, Sendable {
    case nonSecure = 0
    case secure = 1

    var controlOffset: UInt32 { self == .nonSecure ? FlashRegisters.Offset.nscr : FlashRegisters.Offset.seccr }
    var statusOffset: UInt32 { self == .nonSecure ? FlashRegisters.Offset.nssr : FlashRegisters.Offset.secsr }
    var name: String { self == .nonSecure ? "NSCR" : "SECCR" }
}
