/// What the flash made of a transaction.
package enum NOROutcome: UInt8, Sendable, Equatable {
    case accepted
    /// The frame belongs to another protocol mode; the flash does not recognise it.
    case wrongMode
    /// Right mode, but the phases do not fit the command (complement byte, address width, dummy cycles, odd DTR length).
    case badFraming
    /// Not a command this model knows.
    case unknownOpcode
    /// Refused while a program or erase is in progress.
    case busy
    /// Program, erase or register write without WEL.
    case writeDisabled
    /// RST not directly preceded by RSTEN.
    case resetNotEnabled

    package var text: String {
        switch self {
        case .accepted: "accepted"
        case .wrongMode: "ignored: wrong protocol mode"
        case .badFraming: "ignored: bad framing"
        case .unknownOpcode: "ignored: unknown opcode"
        case .busy: "ignored: flash busy (WIP)"
        case .writeDisabled: "ignored: WEL not set"
        case .resetNotEnabled: "ignored: RST without RSTEN"
        }
    }
}

/// The flash's answer: bytes for the read phase (undriven-bus bytes when ignored) and what it did.
package struct NORResponse: Sendable, Equatable {
    package var outcome: NOROutcome
    package var data: [UInt8]
    /// The command's name, when the opcode was recognised.
    package var command: NORCommand?
}
