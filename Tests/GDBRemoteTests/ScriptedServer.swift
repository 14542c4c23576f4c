@testable import GDBRemote

/// A GDB server made of a closure, behind a `ByteChannel` with a virtual clock: a wait with
/// nothing to deliver passes its whole time at once, so timeouts are exact and instant.
final class ScriptedServer: ByteChannel {
    /// The server's answer to a packet: the raw bytes it sends (framed replies, acks, nothing).
    var answer: (String) -> [UInt8]
    /// Every packet the client sent, in order; and every raw byte, for the acknowledgement checks.
    private(set) var packets: [String] = []
    private(set) var sent: [UInt8] = []
    private(set) var milliseconds: UInt64 = 0
    var closed = false
    private var framer = PacketFramer(limit: 0x10000)
    private var outgoing: [UInt8] = []

    init(_ answer: @escaping (String) -> [UInt8]) { self.answer = answer }

    func send(_ bytes: [UInt8]) throws(ClientError) {
        if closed { throw .closed(packet: "") }
        sent += bytes
        var received: [String] = []
        framer.consume(bytes) { input in
            switch input {
            case .packet(let payload): received.append(String(decoding: payload, as: UTF8.self))
            case .interrupt: received.append("\u{03}")
            default: break
            }
        }
        for packet in received {
            packets.append(packet)
            outgoing += answer(packet)
        }
    }

    func receive(waitingAtMost wait: Int) throws(ClientError) -> [UInt8] {
        if outgoing.isEmpty {
            if closed { throw .closed(packet: "") }
            milliseconds += UInt64(wait)
            return []
        }
        // Deliver in small pieces, as a socket may.
        let piece = Array(outgoing.prefix(7))
        outgoing.removeFirst(piece.count)
        return piece
    }

    /// `+` then the framed reply, as a server does before no-ack mode.
    static func acked(_ reply: String) -> [UInt8] { [UInt8(ascii: "+")] + PacketEncoder.frame(reply) }
}
