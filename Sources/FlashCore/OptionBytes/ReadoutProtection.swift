/// The readout protection level (reference §8): what RDP means together with TZEN.
package enum ReadoutProtection: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// 0xAA: no protection.
    case level0
    /// 0x55 with TZEN=1: the secure world is protected from the debugger, the non-secure one is not.
    case level05
    /// Anything but 0xAA, 0xCC and (with TZEN=1) 0x55: the user flash answers only code running from it.
    case level1(code: UInt32)
    /// 0xCC: permanent. Option bytes frozen, the debug port gone.
    case level2

    package static let level0Code: UInt32 = 0xAA
    package static let level05Code: UInt32 = 0x55
    /// What the HAL writes for level 1 (`OB_RDP_LEVEL_1`); any other non-special value is level 1 too.
    package static let level1Code: UInt32 = 0xBB
    package static let level2Code: UInt32 = 0xCC

    package init(rdp: UInt32, trustZone: Bool) {
        switch rdp {
        case Self.level0Code: self = .level0
        case Self.level05Code where trustZone: self = .level05
        case Self.level2Code: self = .level2
        default: self = .level1(code: rdp)
        }
    }

    /// `level 0`, `level 0.5`, `level 1`, `level 2`.
    package var name: String {
        switch self {
        case .level0: "level 0"
        case .level05: "level 0.5"
        case .level1: "level 1"
        case .level2: "level 2"
        }
    }

    /// The RDP byte.
    package var code: UInt32 {
        switch self {
        case .level0: Self.level0Code
        case .level05: Self.level05Code
        case .level1(let code): code
        case .level2: Self.level2Code
        }
    }

    /// What the level does, in a few words (reference §8).
    package var effect: String {
        switch self {
        case .level0: "no readout protection"
        case .level05: "secure flash closed to the debugger, non-secure open"
        case .level1: "flash closed to the debugger; back to 0 mass-erases"
        case .level2: "permanent: option bytes frozen, debug port gone"
        }
    }

    /// `level 1 (0xBB)`.
    package var description: String { "\(name) (0x\(String(code, radix: 16, uppercase: true)))" }

    /// 0 for level 0, 1 for 0.5, 2 for level 1, 3 for level 2: the order protection rises in.
    package var rank: Int {
        switch self {
        case .level0: 0
        case .level05: 1
        case .level1: 2
        case .level2: 3
        }
    }

    /// Whether the user flash refuses a debugger and code running from SRAM (levels 1 and 2).
    package var blocksFlashFromOutside: Bool { rank >= 2 }
}
