import TerminalKit

/// How register and option-byte field values are written: one-bit fields
/// as 0/1, wider ones as upper-case hex with enough digits for the width.
enum FieldFormat {
    static func text(_ value: UInt32, bits: Int) -> String {
        if bits <= 1 { return value == 0 ? "0" : "1" }
        let digits = String(value, radix: 16, uppercase: true)
        let width = (min(bits, 32) + 3) / 4
        return "0x" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
