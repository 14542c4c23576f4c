/// The CRC gdb's `qCRC` asks for (GDB manual, "General Query Packets", qCRC; gdb's `xcrc32`):
/// CRC-32 with polynomial 0x04C11DB7, most significant bit first, initial value 0xFFFFFFFF,
/// no final inversion.
package enum GDBCRC {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index) << 24
        for _ in 0..<8 { value = value & 0x8000_0000 != 0 ? (value << 1) ^ 0x04C1_1DB7 : value << 1 }
        return value
    }

    package static let initial: UInt32 = 0xFFFF_FFFF

    package static func update(_ crc: UInt32, _ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc = crc
        for byte in bytes { crc = (crc << 8) ^ table[Int((crc >> 24) ^ UInt32(byte))] }
        return crc
    }
}
