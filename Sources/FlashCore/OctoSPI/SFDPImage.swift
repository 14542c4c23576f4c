/// Builds the RDSFDP answer: a JESD216B header, one parameter header and a 16-DWORD basic flash parameter table.
package enum SFDPImage {
    /// 'SFDP' as a little-endian DWORD.
    package static let signature: UInt32 = 0x5044_4653

    /// The table matching the modelled command set: 64 MiB, 4-byte addressing, DTR,
    /// erase types 4 KiB (0x21) and 64 KiB (0xDC), 256-byte pages.
    package static let minimal: [UInt8] = build(parameters: minimalParameters)

    /// Header and parameter header intact, every parameter 0xFF (what old octaflash silicon answers, per mbed).
    package static let blankParameters: [UInt8] = build(parameters: Array(repeating: 0xFFFF_FFFF, count: 16))

    package static func image(_ choice: NORAssumptions.SFDP) -> [UInt8] {
        choice == .minimal ? minimal : blankParameters
    }

    static let minimalParameters: [UInt32] = [
        // DW1: 4 KiB erase supported (01), write granularity >= 64 B, 4 KiB erase opcode 0x21,
        // 4-byte addresses only (10), DTR supported, no 1-1-2/1-2-2/1-4-4/1-1-4 reads.
        0xFF80_00E0 | 0x01 | 0x04 | 0x21 << 8 | 0b10 << 17 | 1 << 19,
        // DW2: density in bits minus one (512 Mbit).
        0x1FFF_FFFF,
        // DW3, DW4: no quad or dual fast reads.
        0x0000_0000, 0x0000_0000,
        // DW5: no 2-2-2 or 4-4-4 reads (bits 0 and 4 clear).
        0xFFFF_FFEE,
        // DW6, DW7: parameters of the absent 2-2-2 and 4-4-4 reads.
        0x0000_FFFF, 0x0000_FFFF,
        // DW8: erase type 1 = 2^12 with 0x21, type 2 = 2^16 with 0xDC. DW9: types 3 and 4 absent.
        0xDC10_210C, 0x0000_0000,
        // DW10: typical 25 ms and 224 ms (max = 16x: 400 ms, 3584 ms, as the real SFDP quotes).
        7 | 24 << 4 | 13 << 11 | 1 << 16,
        // DW11: page 2^8; page program typical 152 us (max x10); chip erase typical 128 s.
        4 | 8 << 4 | 18 << 8 | 1 << 24 | 3 << 29,
        // DW12-DW16 as mbed's MX25LM51245G workaround table: no suspend, legacy WIP polling, no QE.
        0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF, 0x80F9_50FF,
    ]

    private static func build(parameters: [UInt32]) -> [UInt8] {
        let tableOffset: UInt32 = 0x10
        var bytes: [UInt8] = []
        bytes += littleEndianBytes(signature)
        // SFDP 1.6, NPH = 0 (one parameter header), legacy access protocol.
        bytes += [0x06, 0x01, 0x00, 0xFF]
        // BFPT header: ID LSB 0x00, revision 1.6, length in DWORDs, pointer, ID MSB 0xFF.
        bytes += [0x00, 0x06, 0x01, UInt8(parameters.count)]
        bytes += [UInt8(tableOffset & 0xFF), UInt8(tableOffset >> 8 & 0xFF), UInt8(tableOffset >> 16 & 0xFF), 0xFF]
        for word in parameters { bytes += littleEndianBytes(word) }
        return bytes
    }
}
