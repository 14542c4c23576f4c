/// How many I/O lines a phase of a NOR transaction uses (OCTOSPI *MODE fields: 0, 1, 2, 4, 8).
package enum NORLines: Int, Sendable, Equatable {
    case none = 0, one = 1, two = 2, four = 4, eight = 8
}

/// Lines and rate of one phase.
package struct NORPhase: Sendable, Equatable {
    package var lines: NORLines
    package var dtr: Bool

    package init(_ lines: NORLines, dtr: Bool = false) {
        self.lines = lines
        self.dtr = dtr
    }

    package static let absent = NORPhase(.none)
}

/// The data phase of a transaction: bytes sent to the flash, or a number of bytes to clock back.
package enum NORData: Sendable, Equatable {
    case none
    case write([UInt8])
    case read(count: Int)

    package var count: Int {
        switch self {
        case .none: 0
        case .write(let bytes): bytes.count
        case .read(let count): count
        }
    }
}

/// One chip-select cycle on the NOR bus: what the controller clocks out and what it expects back.
package struct NORTransaction: Sendable, Equatable {
    package var instruction: UInt32
    /// Instruction width in bytes (1 to 4); sent most significant byte first.
    package var instructionSize: Int
    package var instructionPhase: NORPhase
    package var address: UInt32?
    package var addressSize: Int
    package var addressPhase: NORPhase
    package var alternate: UInt32?
    package var alternateSize: Int
    package var alternatePhase: NORPhase
    package var dummyCycles: Int
    package var data: NORData
    package var dataPhase: NORPhase

    package init(
        instruction: UInt32, instructionSize: Int = 1, instructionPhase: NORPhase = NORPhase(.one),
        address: UInt32? = nil, addressSize: Int = 4, addressPhase: NORPhase = .absent,
        alternate: UInt32? = nil, alternateSize: Int = 1, alternatePhase: NORPhase = .absent,
        dummyCycles: Int = 0, data: NORData = .none, dataPhase: NORPhase = .absent
    ) {
        self.instruction = instruction
        self.instructionSize = instructionSize
        self.instructionPhase = instructionPhase
        self.address = address
        self.addressSize = addressSize
        self.addressPhase = addressPhase
        self.alternate = alternate
        self.alternateSize = alternateSize
        self.alternatePhase = alternatePhase
        self.dummyCycles = dummyCycles
        self.data = data
        self.dataPhase = dataPhase
    }

    /// A well-formed frame for `opcode` in a protocol mode: SPI 1-1-1 with a one-byte opcode,
    /// or OPI 8-8-8 with the opcode followed by its complement and a 4-byte address.
    package static func command(
        _ opcode: UInt8, mode: NORProtocolMode, address: UInt32? = nil,
        addressSize: Int? = nil, dummyCycles: Int = 0,
        data: NORData = .none
    ) -> NORTransaction {
        let lines: NORLines = mode == .spi ? .one : .eight
        let phase = NORPhase(lines, dtr: mode == .dtrOPI)
        let instruction = mode == .spi ? UInt32(opcode) : UInt32(opcode) << 8 | UInt32(~opcode)
        return NORTransaction(
            instruction: instruction, instructionSize: mode == .spi ? 1 : 2, instructionPhase: phase,
            address: address, addressSize: addressSize ?? 4, addressPhase: address == nil ? .absent : phase,
            dummyCycles: dummyCycles, data: data, dataPhase: data == .none ? .absent : phase)
    }
}

/// The bus protocol a NOR flash is listening in.
package enum NORProtocolMode: String, Sendable, Equatable, CaseIterable {
    /// 1-1-1, one-byte opcodes (power-on default).
    case spi
    /// 8-8-8 single transfer rate.
    case strOPI = "str-opi"
    /// 8D-8D-8D double transfer rate.
    case dtrOPI = "dtr-opi"
}
