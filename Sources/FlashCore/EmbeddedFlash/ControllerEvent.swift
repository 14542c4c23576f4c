/// Something the flash controller did, kept independently of the trace so results
/// are exact even when tracing is off or bounded.
public enum ControllerEvent: Sendable, Equatable {
    case pageErased(FlashPage)
    case bankErased(physicalBank: Int)
    /// One double word programmed, at its non-secure address.
    case programmed(address: UInt32)
    case flagRaised(StatusFlag, address: UInt32)
    case optionsProgrammed
    case optionsLaunched(bankModeChanged: Bool)
}

/// The two register sets that start operations: non-secure (NSCR/NSSR) and secure (SECCR/SECSR).
enum ControlChannel: Int, Sendable {
    case nonSecure = 0
    case secure = 1

    var controlOffset: UInt32 { self == .nonSecure ? FlashRegisters.Offset.nscr : FlashRegisters.Offset.seccr }
    var statusOffset: UInt32 { self == .nonSecure ? FlashRegisters.Offset.nssr : FlashRegisters.Offset.secsr }
    var name: String { self == .nonSecure ? "NSCR" : "SECCR" }
}
