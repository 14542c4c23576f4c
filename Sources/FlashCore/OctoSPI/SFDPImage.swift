/// Builds the RDSFDP answer (JESD216). A current MX25LM51245G answers SFDP revision 1.8 with five
/// parameter headers, the basic table (BFPT) first: 3- or 4-byte addressing, erase type 1 = 0x20
/// (4 KiB), type 2 = 0xD8 (64 KiB) (reference §8, zephyr PR #56600's dump). The model answers the
/// same, and everything it advertises is a command the model accepts (MX25StateTests parses it
/// as a host does and runs each one).
package enum SFDPImage {
    /// 'SFDP' as a little-endian DWORD.
    package static let signature: UInt32 = 0x5044_4653

    /// One parameter table: its ID (MSB << 8 | LSB), revision and DWORDs.
    struct Table {
        let id: UInt16
        let major: UInt8
        let minor: UInt8
        let dwords: [UInt32]
    }

    /// The answer of a current part (the `current` choice of ospi-sfdp).
    package static let current: [UInt8] = build(
        [
            Table(id: 0xFF00, major: 1, minor: 7, dwords: basicParameters),
            Table(id: 0xFF84, major: 1, minor: 0, dwords: fourByteInstructions),
            Table(id: 0xFF05, major: 1, minor: 0, dwords: xSPIProfile),
            // The status/control register map and the octal-DDR command sequences are named by the
            // part's headers, but their contents are in no source at hand: left unprogrammed (0xFF),
            // which hosts read as "not described" and pass over.
            Table(id: 0xFF87, major: 1, minor: 0, dwords: Array(repeating: 0xFFFF_FFFF, count: 28)),
            Table(id: 0xFF0A, major: 1, minor: 0, dwords: Array(repeating: 0xFFFF_FFFF, count: 8)),
        ])

    /// The same headers, every parameter 0xFF (what some older octaflash parts answer, per mbed).
    package static let blankParameters: [UInt8] = build(
        [
            Table(id: 0xFF00, major: 1, minor: 7, dwords: Array(repeating: 0xFFFF_FFFF, count: 20)),
            Table(id: 0xFF84, major: 1, minor: 0, dwords: Array(repeating: 0xFFFF_FFFF, count: 2)),
            Table(id: 0xFF05, major: 1, minor: 0, dwords: Array(repeating: 0xFFFF_FFFF, count: 5)),
            Table(id: 0xFF87, major: 1, minor: 0, dwords: Array(repeating: 0xFFFF_FFFF, count: 28)),
            Table(id: 0xFF0A, major: 1, minor: 0, dwords: Array(repeating: 0xFFFF_FFFF, count: 8)),
        ])

    package static func image(_ choice: NORAssumptions.SFDP) -> [UInt8] {
        choice == .current ? current : blankParameters
    }

    /// The 1-1-1 commands the basic table names (SPI, 3-byte addresses).
    static let sectorEraseOpcode: UInt8 = 0x20
    static let blockEraseOpcode: UInt8 = 0xD8

    /// BFPT revision 1.7 (JESD216C, 20 DWORDs).
    static let basicParameters: [UInt32] = [
        // DW1: 4 KiB erase supported (01), write granularity >= 64 B, 4 KiB erase opcode 0x20,
        // 3- or 4-byte addresses (01), DTR supported, no 1-1-2/1-2-2/1-4-4/1-1-4 reads.
        0xFF80_0000 | 0x01 | 0x04 | UInt32(sectorEraseOpcode) << 8 | 0b01 << 17 | 1 << 19,
        // DW2: density in bits minus one (512 Mbit).
        0x1FFF_FFFF,
        // DW3, DW4: no quad or dual fast reads.
        0x0000_0000, 0x0000_0000,
        // DW5: no 2-2-2 or 4-4-4 reads (bits 0 and 4 clear).
        0xFFFF_FFEE,
        // DW6, DW7: parameters of the absent 2-2-2 and 4-4-4 reads.
        0x0000_FFFF, 0x0000_FFFF,
        // DW8: erase type 1 = 2^12 with 0x20, type 2 = 2^16 with 0xD8. DW9: types 3 and 4 absent.
        UInt32(blockEraseOpcode) << 24 | 16 << 16 | UInt32(sectorEraseOpcode) << 8 | 12, 0x0000_0000,
        // DW10: typical 25 ms and 224 ms, maximum 16 times that (400 ms, 3584 ms), as the dump says.
        7 | 24 << 4 | 13 << 11 | 1 << 16,
        // DW11: page 2^8; page program typical 152 us (max x10); chip erase typical 128 s.
        4 | 8 << 4 | 18 << 8 | 1 << 24 | 3 << 29,
        // DW12-DW16 as mbed's MX25LM51245G table: no suspend, legacy WIP polling, no QE.
        0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF, 0x80F9_50FF,
        // DW17: no 1-1-8 or 1-8-8 reads. DW18: in 8D-8D-8D the opcode's second byte is its inverse
        // (bits 30:29 = 01, as the model's OPI frames). DW19: no octal enable bit described.
        // DW20: maximum speeds not given (0xF nibbles).
        0x0000_0000, 0b01 << 29, 0x0000_0000, 0xFFFF_FFFF,
    ]

    /// The 4-byte address instruction table (JESD216 §6.6, 2 DWORDs).
    static let fourByteInstructions: [UInt32] = [
        // DW1: READ4B 0x13 (bit 0), FAST_READ4B 0x0C (bit 1), PP4B 0x12 (bit 6), erase types 1 and 2
        // (bits 9, 10); nothing else; bits 31:20 reserved (1).
        1 << 0 | 1 << 1 | 1 << 6 | 1 << 9 | 1 << 10 | 0xFFF0_0000,
        // DW2: the 4-byte opcode of erase type 1 (0x21), type 2 (0xDC); types 3 and 4 absent (0xFF).
        0xFFFF_DC21,
    ]

    /// The xSPI profile 1.0 table (5 DWORDs), with the fields hosts read (Linux's spi-nor): the
    /// 8D-8D-8D read opcode 0xEE (8DTRD), RDSR with a 4-byte address and 4 dummy cycles, and 20
    /// dummy cycles for the fast read at every listed frequency (the power-on DC=000).
    static let xSPIProfile: [UInt32] = [
        0xEE << 8 | 1 << 29,
        0x0000_0000, 0x0000_0000,
        20 << 7,
        20 << 27 | 20 << 17 | 20 << 7,
    ]

    private static func build(_ tables: [Table]) -> [UInt8] {
        // The headers, then the tables from 0x40 on, as the part lays them out.
        var pointer: UInt32 = 0x40
        var bytes: [UInt8] = []
        bytes += littleEndianBytes(signature)
        // SFDP 1.8, NPH = tables - 1, access protocol 0xFD (xSPI profile 1.0).
        bytes += [0x08, 0x01, UInt8(tables.count - 1), 0xFD]
        var body: [UInt8] = []
        for table in tables {
            bytes += [UInt8(table.id & 0xFF), table.minor, table.major, UInt8(table.dwords.count)]
            bytes += [
                UInt8(pointer & 0xFF), UInt8(pointer >> 8 & 0xFF), UInt8(pointer >> 16 & 0xFF), UInt8(table.id >> 8),
            ]
            for word in table.dwords { body += littleEndianBytes(word) }
            pointer += UInt32(table.dwords.count * 4)
        }
        bytes += [UInt8](repeating: 0xFF, count: 0x40 - bytes.count)
        return bytes + body
    }
}
