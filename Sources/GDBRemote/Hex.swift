/// The hex text the protocol carries numbers and bytes in (lower case out, either case in).
package enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    package static func digit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Two hex digits.
    package static func byte(_ value: UInt8) -> [UInt8] { [digits[Int(value >> 4)], digits[Int(value & 0xF)]] }

    /// Bytes as hex text, two digits each.
    package static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for byte in bytes { out.append(contentsOf: Self.byte(byte)) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Hex text as bytes; nil for an odd length or a non-hex character.
    package static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 2)
        var high: UInt8?
        for byte in text {
            guard let value = digit(byte) else { return nil }
            if let first = high {
                out.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        return out
    }

    /// A hex number that fits in 32 bits (addresses, lengths); nil if empty, not hex or too large.
    package static func number(_ text: some Collection<UInt8>) -> UInt32? {
        guard !text.isEmpty, text.count <= 16 else { return nil }
        var value: UInt64 = 0
        for byte in text {
            guard let digit = digit(byte) else { return nil }
            value = value << 4 | UInt64(digit)
        }
        return value <= UInt64(UInt32.max) ? UInt32(value) : nil
    }

    /// A 32-bit value as eight hex digits, least significant byte first (register order in `g`/`p`).
    package static func littleEndianWord(_ value: UInt32) -> String {
        encode((0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) })
    }
}
