/// A flash command the OCTOSPI controller issued, as the trace keeps it (numbers only; text on demand).
package struct NORCommandNote: Sendable, Equatable {
    package var instruction: UInt32
    package var instructionSize: UInt8
    package var address: UInt32?
    package var bytes: UInt32
    package var outcome: NOROutcome

    package init(instruction: UInt32, instructionSize: UInt8, address: UInt32?, bytes: UInt32, outcome: NOROutcome) {
        self.instruction = instruction
        self.instructionSize = instructionSize
        self.address = address
        self.bytes = bytes
        self.outcome = outcome
    }

    package var commandName: String {
        let command: NORCommand? =
            switch instructionSize {
            case 1: NORCommand.spi(UInt8(instruction & 0xFF))
            case 2: NORCommand.opi(UInt8((instruction >> 8) & 0xFF))
            default: nil
            }
        return command?.name ?? "?"
    }

    package var text: String {
        let opcode = String(instruction, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, Int(instructionSize) * 2 - opcode.count)) + opcode
        var text = "flash \(commandName) (\(padded))"
        if let address { text += " @\(hex(address))" }
        if bytes > 0 { text += ", \(bytes) byte\(bytes == 1 ? "" : "s")" }
        if outcome != .accepted { text += ": " + outcome.text }
        return text
    }
}
