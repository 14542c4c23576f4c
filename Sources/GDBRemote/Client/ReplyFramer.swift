/// What a GDB server's byte stream holds, as a client reads it.
package enum ServerInput: Equatable, Sendable {
    /// A reply whose checksum matched: escapes removed, run-length encoding expanded.
    case packet([UInt8])
    /// A reply whose checksum did not match (the client asks for it again with `-`).
    case badChecksum
    /// A reply longer than the client's limit; its bytes were dropped as they came.
    case oversized(Int)
    case ack
    case nack
}

/// Splits a server's byte stream into replies (GDB manual, "Remote Protocol", Overview and
/// "Binary Data"): `$payload#xx`, `}` escapes the next byte by XOR 0x20, and in replies `*`
/// followed by a count character `n` repeats the previous byte `n - 29` more times. The checksum
/// covers the bytes as sent. Notifications (`%...#xx`) are skipped; a payload never grows past `limit`.
package struct ReplyFramer: Sendable {
    package let limit: Int
    private enum State: Sendable {
        case outside
        case payload
        case escape
        case repeatCount
        case checksumHigh
        case checksumLow(UInt8)
        case notification
    }
    private var state = State.outside
    private var payload: [UInt8] = []
    private var length = 0
    private var sum: UInt8 = 0

    package init(limit: Int) { self.limit = limit }

    package mutating func consume(_ bytes: some Sequence<UInt8>, _ emit: (ServerInput) -> Void) {
        for byte in bytes {
            switch state {
            case .outside:
                switch byte {
                case UInt8(ascii: "$"):
                    payload.removeAll(keepingCapacity: true)
                    length = 0
                    sum = 0
                    state = .payload
                case UInt8(ascii: "%"):
                    isNotification = true
                    state = .notification
                case UInt8(ascii: "+"): emit(.ack)
                case UInt8(ascii: "-"): emit(.nack)
                default: break
                }
            case .notification:
                if byte == UInt8(ascii: "#") { state = .checksumHigh }
            case .payload:
                if byte == UInt8(ascii: "#") {
                    state = .checksumHigh
                    continue
                }
                sum &+= byte
                switch byte {
                case 0x7D: state = .escape
                case UInt8(ascii: "*"): state = .repeatCount
                default: append(byte, times: 1)
                }
            case .escape:
                sum &+= byte
                append(byte ^ 0x20, times: 1)
                state = .payload
            case .repeatCount:
                sum &+= byte
                // A count before any byte, or below 29+3, is not something a server sends: drop it.
                if let last = payload.last, byte >= 29 { append(last, times: Int(byte) - 29) }
                state = .payload
            case .checksumHigh:
                guard let high = Hex.digit(byte) else {
                    finishBad(emit)
                    continue
                }
                state = .checksumLow(high)
            case .checksumLow(let high):
                guard let low = Hex.digit(byte) else {
                    finishBad(emit)
                    continue
                }
                finish(received: high << 4 | low, emit)
            }
        }
    }

    private mutating func finishBad(_ emit: (ServerInput) -> Void) {
        let wasNotification = isNotification
        isNotification = false
        state = .outside
        if !wasNotification { emit(.badChecksum) }
    }

    private var isNotification = false

    private mutating func finish(received: UInt8, _ emit: (ServerInput) -> Void) {
        state = .outside
        if isNotification {
            isNotification = false
            return
        }
        if length > limit {
            emit(.oversized(length))
        } else if received != sum {
            emit(.badChecksum)
        } else {
            emit(.packet(payload))
        }
    }

    private mutating func append(_ byte: UInt8, times: Int) {
        for _ in 0..<max(0, times) {
            length += 1
            if length <= limit { payload.append(byte) }
        }
    }
}
