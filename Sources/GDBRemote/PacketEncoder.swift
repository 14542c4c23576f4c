/// Frames replies: `$payload#xx`. `#`, `$`, `}` and `*` in the payload are escaped (`}` then
/// the byte XOR 0x20), so binary replies (qXfer) and text both arrive as sent; no run-length
/// encoding is used.
package enum PacketEncoder {
    package static func frame(_ payload: some Sequence<UInt8>) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "$")]
        var sum: UInt8 = 0
        for byte in payload {
            if needsEscape(byte) {
                out.append(0x7D)
                out.append(byte ^ 0x20)
                sum &+= 0x7D &+ (byte ^ 0x20)
            } else {
                out.append(byte)
                sum &+= byte
            }
        }
        out.append(UInt8(ascii: "#"))
        out.append(contentsOf: Hex.byte(sum))
        return out
    }

    package static func frame(_ text: String) -> [UInt8] { frame(Array(text.utf8)) }

    static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "#") || byte == UInt8(ascii: "$") || byte == 0x7D || byte == UInt8(ascii: "*")
    }
}
