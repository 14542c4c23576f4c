/// Which frames the MX25LM51245G recognises in each protocol mode (reference §1.2–§1.3, §4.1).
struct MX25Framing {
    let mode: NORProtocolMode
    /// CR2 @0x300 dummy cycles, for octal array reads.
    let octalReadDummyCycles: Int

    private var phase: NORPhase { NORPhase(mode == .spi ? .one : .eight, dtr: mode == .dtrOPI) }

    enum Decoded { case command(NORCommand), refused(NOROutcome) }

    /// The command a frame carries, or why the flash does not take it.
    func decode(_ t: NORTransaction) -> Decoded {
        let frameMode: NORProtocolMode? =
            switch (t.instructionPhase.lines, t.instructionPhase.dtr, t.instructionSize) {
            case (.one, false, 1): .spi
            case (.eight, false, 2): .strOPI
            case (.eight, true, 2): .dtrOPI
            default: nil
            }
        guard let frameMode else {
            // On the right lines but not a valid opcode width: a garbled frame.
            return .refused(t.instructionPhase == phase ? .badFraming : .wrongMode)
        }
        guard frameMode == mode else { return .refused(.wrongMode) }
        let command: NORCommand?
        if mode == .spi {
            command = NORCommand.spi(UInt8(t.instruction & 0xFF))
        } else {
            let opcode = UInt8(t.instruction >> 8 & 0xFF)
            guard UInt8(t.instruction & 0xFF) == ~opcode else { return .refused(.badFraming) }
            command = NORCommand.opi(opcode)
        }
        guard let command else { return .refused(.unknownOpcode) }
        if command == .octalRead && mode != .strOPI || command == .octalDTRRead && mode != .dtrOPI {
            return .refused(.wrongMode)
        }
        return phasesFit(command, t) ? .command(command) : .refused(.badFraming)
    }

    private func addressSize(_ command: NORCommand) -> Int? {
        if mode == .spi { return command.spiAddressSize }
        switch command {
        case .writeEnable, .writeDisable, .chipErase, .resetEnable, .reset, .nop: return nil
        default: return 4
        }
    }

    /// Dummy cycles the command needs, nil when any count works (the reads that return a register).
    private func dummyCycles(_ command: NORCommand) -> Int? {
        switch command {
        case .read3, .read4: return 0
        case .fastRead3, .fastRead4: return 8
        case .octalRead, .octalDTRRead: return octalReadDummyCycles
        case .readSFDP: return mode == .spi ? 8 : nil
        case .readStatus, .readConfig, .readID, .readSecurity, .readCR2: return mode == .spi ? 0 : nil
        default: return 0
        }
    }

    private enum Direction { case none, read, write }

    private func direction(_ command: NORCommand) -> Direction {
        if command.isArrayRead || command.isRegisterRead || command == .readSFDP || command == .readCR2 { return .read }
        if command.isProgram || command == .writeStatus || command == .writeCR2 { return .write }
        return .none
    }

    private func phasesFit(_ command: NORCommand, _ t: NORTransaction) -> Bool {
        guard t.alternate == nil else { return false }
        if let size = addressSize(command) {
            guard t.address != nil, t.addressSize == size, t.addressPhase == phase else { return false }
        } else if t.address != nil {
            return false
        }
        if let dummy = dummyCycles(command), dummy != t.dummyCycles { return false }
        let count = t.data.count
        switch (direction(command), t.data) {
        case (.none, .none): return true
        case (.read, .read), (.write, .write):
            guard count > 0 else { return direction(command) == .read }
            // DTR moves two bytes per clock: an odd count cannot be framed.
            return t.dataPhase == phase && !(mode == .dtrOPI && count % 2 != 0)
        default: return false
        }
    }
}
