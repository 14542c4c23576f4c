/// The MX25LM51245G commands this model understands (reference §1.3). Others are ignored as unknown.
package enum NORCommand: UInt8, Sendable, Equatable, CaseIterable {
    case read3, read4, fastRead3, fastRead4, octalRead, octalDTRRead
    case pageProgram3, pageProgram4, sectorErase3, sectorErase4, blockErase3, blockErase4, chipErase
    case writeEnable, writeDisable, readStatus, writeStatus, readConfig, readCR2, writeCR2
    case readID, readSFDP, resetEnable, reset, nop, readSecurity

    /// Datasheet mnemonic.
    package var name: String {
        switch self {
        case .read3: "READ"
        case .read4: "READ4B"
        case .fastRead3: "FAST_READ"
        case .fastRead4: "FAST_READ4B"
        case .octalRead: "8READ"
        case .octalDTRRead: "8DTRD"
        case .pageProgram3: "PP"
        case .pageProgram4: "4PP"
        case .sectorErase3: "SE"
        case .sectorErase4: "SE4B"
        case .blockErase3: "BE"
        case .blockErase4: "BE4B"
        case .chipErase: "CE"
        case .writeEnable: "WREN"
        case .writeDisable: "WRDI"
        case .readStatus: "RDSR"
        case .writeStatus: "WRSR"
        case .readConfig: "RDCR"
        case .readCR2: "RDCR2"
        case .writeCR2: "WRCR2"
        case .readID: "RDID"
        case .readSFDP: "RDSFDP"
        case .resetEnable: "RSTEN"
        case .reset: "RST"
        case .nop: "NOP"
        case .readSecurity: "RDSCUR"
        }
    }

    /// The command for a one-byte SPI opcode.
    package static func spi(_ opcode: UInt8) -> NORCommand? {
        switch opcode {
        case 0x03: .read3
        case 0x13: .read4
        case 0x0B: .fastRead3
        case 0x0C: .fastRead4
        case 0x02: .pageProgram3
        case 0x12: .pageProgram4
        case 0x20: .sectorErase3
        case 0x21: .sectorErase4
        case 0xD8: .blockErase3
        case 0xDC: .blockErase4
        case 0x60, 0xC7: .chipErase
        case 0x06: .writeEnable
        case 0x04: .writeDisable
        case 0x05: .readStatus
        case 0x01: .writeStatus
        case 0x15: .readConfig
        case 0x71: .readCR2
        case 0x72: .writeCR2
        case 0x9F: .readID
        case 0x5A: .readSFDP
        case 0x66: .resetEnable
        case 0x99: .reset
        case 0x00: .nop
        case 0x2B: .readSecurity
        default: nil
        }
    }

    /// The command for the first byte of a two-byte OPI opcode (the second is its complement).
    /// OPI has the octal reads and the SPI set without its 3-byte-address and single-line reads.
    package static func opi(_ opcode: UInt8) -> NORCommand? {
        switch opcode {
        case 0xEC: return .octalRead
        case 0xEE: return .octalDTRRead
        default:
            guard let command = spi(opcode), !command.isSPIOnly else { return nil }
            return command
        }
    }

    /// Commands OPI does not have (a switch, not a set: every OPI frame asks).
    private var isSPIOnly: Bool {
        switch self {
        case .read3, .read4, .fastRead3, .fastRead4, .pageProgram3, .sectorErase3, .blockErase3: true
        default: false
        }
    }

    var isArrayRead: Bool {
        switch self {
        case .read3, .read4, .fastRead3, .fastRead4, .octalRead, .octalDTRRead: true
        default: false
        }
    }

    var isProgram: Bool { self == .pageProgram3 || self == .pageProgram4 }

    var isErase: Bool {
        switch self {
        case .sectorErase3, .sectorErase4, .blockErase3, .blockErase4, .chipErase: true
        default: false
        }
    }

    /// Register and ID reads (OPI frames carry a 4-byte address and any dummy count).
    var isRegisterRead: Bool {
        switch self {
        case .readStatus, .readConfig, .readID, .readSecurity: true
        default: false
        }
    }

    /// What the flash still answers while WIP is set.
    var allowedWhileBusy: Bool {
        switch self {
        case .readStatus, .readSecurity, .resetEnable, .reset, .nop: true
        default: false
        }
    }
    /// Address width in SPI mode, for commands with an address there.
    var spiAddressSize: Int? {
        switch self {
        case .read3, .fastRead3, .pageProgram3, .sectorErase3, .blockErase3, .readSFDP: 3
        case .read4, .fastRead4, .pageProgram4, .sectorErase4, .blockErase4, .readCR2, .writeCR2: 4
        default: nil
        }
    }
}
