/// What the byte stream from a gdb client holds, one event at a time.
package enum FramedInput: Equatable, Sendable {
    /// A packet whose checksum matched, its payload with `}` escapes removed.
    case packet([UInt8])
    /// A packet whose checksum did not match (the sender should resend it).
    case badChecksum(expected: UInt8, received: UInt8)
    /// A packet longer than the advertised limit; its bytes were dropped as they came.
    case oversized(Int)
    /// The interrupt byte 0x03 outside a packet (Ctrl-C in gdb).
    case interrupt
    /// `+`: the last reply arrived.
    case ack
    /// `-`: the last reply must be sent again.
    case nack
}

/// Splits a gdb remote-protocol byte stream into packets (GDB manual, "Remote Protocol",
/// Overview): `$payload#xx` with a two-digit hex checksum of the raw payload, `}` escaping the
/// next byte by XOR 0x20, bytes outside packets ignored except `+`, `-` and 0x03. Run-length
/// encoding is only for replies, so a `*` in a request is data. A payload never grows past
/// `limit` bytes: the rest of an oversized packet is counted and dropped.
package struct PacketFramer: Sendable {
    package let limit: Int
    private enum State: Sendable {
        case outside
        case payload
        case escape
        case checksumHigh
        case checksumLow(UInt8)
    }
    private var state = State.outside
    private var payload: [UInt8] = []
    private var length = 0
    private var sum: UInt8 = 0

    package init(limit: Int) {
        self.limit = limit
        payload.reserveCapacity(limit)
    }

    /// Feeds received bytes; the events they complete are handed to `emit` in order.
    package mutating func consume(_ bytes: some Sequence<UInt8>, _ emit: (FramedInput) -> Void) {
        for byte in bytes {
            switch state {
            case .outside:
                switch byte {
                case UInt8(ascii: "$"):
                    payload.removeAll(keepingCapacity: true)
                    length = 0
                    sum = 0
                    state = .payload
                case UInt8(ascii: "+"): emit(.ack)
                case UInt8(ascii: "-"): emit(.nack)
                case 0x03: emit(.interrupt)
                default: break
                }
            case .payload:
                if byte == UInt8(ascii: "#") {
                    state = .checksumHigh
                } else {
                    sum &+= byte
                    if byte == 0x7D { state = .escape } else { append(byte) }
                }
            case .escape:
                sum &+= byte
                append(byte ^ 0x20)
                state = .payload
            case .checksumHigh:
                guard let high = Hex.digit(byte) else {
                    state = .outside
                    emit(.badChecksum(expected: sum, received: 0))
                    continue
                }
                state = .checksumLow(high)
            case .checksumLow(let high):
                state = .outside
                guard let low = Hex.digit(byte) else {
                    emit(.badChecksum(expected: sum, received: high << 4))
                    continue
                }
                let received = high << 4 | low
                if length > limit {
                    emit(.oversized(length))
                } else if received != sum {
                    emit(.badChecksum(expected: sum, received: received))
                } else {
                    emit(.packet(payload))
                }
            }
        }
    }

    private mutating func append(_ byte: UInt8) {
        length += 1
        if length <= limit { payload.append(byte) }
    }
}
