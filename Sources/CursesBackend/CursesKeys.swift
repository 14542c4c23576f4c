import CNcursesW
import TerminalKit

/// Turns what `wget_wch` returned into a key.
enum CursesKeys {
    /// A function-key code (the call returned KEY_CODE_YES).
    static func key(forCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BTAB: return .backTab
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    /// A character (the call returned OK).
    static func key(forCharacter value: Int32) -> Key? {
        switch value {
        case 27: return .escape
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 1...26:
            // Control letters; ^H, ^I, ^J and ^M were taken above.
            return Unicode.Scalar(UInt32(value) + 96).map { .ctrl(Character($0)) }
        default:
            guard value >= 32, let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
            return .char(Character(scalar))
        }
    }
}
