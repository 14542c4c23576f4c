/// xterm's SGR extended mouse reports (private mode 1006): `ESC [ < b ; x ; y M` for a press and
/// `... m` for a release, with decimal one-based coordinates, so columns past 223 (where the X10
/// encoding's single byte runs out) still arrive. Terminals that do not know 1006 keep sending X10,
/// which curses decodes itself.
package enum SGRMouse {
    /// Asks the terminal for SGR reports; sent after curses turned mouse reporting on.
    package static let enable = "\u{1B}[?1006h"
    /// Gives the terminal its default encoding back; sent before curses restores the terminal.
    package static let disable = "\u{1B}[?1006l"

    /// What a run of input starting at ESC holds.
    package enum Decoded: Equatable, Sendable {
        /// Could still become a report: read more.
        case incomplete
        /// Not a report: the input is keys.
        case notMouse
        /// A whole report of `length` characters; `event` is nil for what the UI does not use
        /// (releases, motion, other buttons), which is read and dropped all the same.
        case report(MouseEvent?, length: Int)
    }

    /// The longest report read: three numbers of up to five digits; anything longer is keys.
    package static let maximumLength = 3 + 3 * 5 + 2 + 1

    // Button byte: the low two bits name the button, 32 marks motion, 64 the wheel (xterm ctlseqs,
    // "Mouse Tracking"); 4, 8 and 16 are Shift, Meta and Control, which the UI ignores.
    private static let buttonBits = 0b11
    private static let motionBit = 32
    private static let wheelBit = 64
    private static let modifierBits = 4 | 8 | 16

    /// Decodes the report at the start of `input`, which starts with ESC.
    package static func decode(_ input: some Collection<Unicode.Scalar>) -> Decoded {
        let prefix: [Unicode.Scalar] = ["\u{1B}", "[", "<"]
        var numbers: [Int] = [0]
        var digits = 0
        for (index, scalar) in input.enumerated() {
            if index >= maximumLength { return .notMouse }
            if index < prefix.count {
                guard scalar == prefix[index] else { return .notMouse }
                continue
            }
            switch scalar {
            case "0"..."9":
                digits += 1
                guard digits <= 5 else { return .notMouse }
                numbers[numbers.count - 1] = numbers[numbers.count - 1] * 10 + Int(scalar.value - 48)
            case ";":
                guard digits > 0, numbers.count < 3 else { return .notMouse }
                numbers.append(0)
                digits = 0
            case "M", "m":
                guard digits > 0, numbers.count == 3 else { return .notMouse }
                return .report(
                    event(button: numbers[0], x: numbers[1], y: numbers[2], pressed: scalar == "M"), length: index + 1)
            default:
                return .notMouse
            }
        }
        return .incomplete
    }

    private static func event(button: Int, x: Int, y: Int, pressed: Bool) -> MouseEvent? {
        guard pressed, x >= 1, y >= 1, button & motionBit == 0 else { return nil }
        let kind: MouseEvent.Kind
        switch (button & ~modifierBits & ~buttonBits, button & buttonBits) {
        case (0, 0): kind = .click
        case (wheelBit, 0): kind = .scrollUp
        case (wheelBit, 1): kind = .scrollDown
        default: return nil
        }
        return MouseEvent(kind, x: x - 1, y: y - 1)
    }
}
