/// The server's side of one gdb connection below the requests: framing, `+`/`-`
/// acknowledgements until QStartNoAckMode, resending a reply gdb asked for again, and the
/// packet size limit. What it hands up is requests and interrupts; what it sends is framed.
package struct RemoteConnection: Sendable {
    package enum Event: Equatable, Sendable {
        case request(Request)
        case interrupt
        /// A packet that could not be taken (bad checksum, too long): a line for the log.
        case dropped(String)
    }

    /// The largest packet payload accepted, as advertised in qSupported (PacketSize, in hex there).
    package static let packetSize = 0x4000

    private var framer = PacketFramer(limit: packetSize)
    package private(set) var acknowledging = true
    private var lastReply: [UInt8] = []

    package init() {}

    /// Takes received bytes; returns the events and the bytes to send at once (acknowledgements, resends).
    package mutating func receive(_ bytes: some Sequence<UInt8>) -> (events: [Event], send: [UInt8]) {
        var events: [Event] = []
        var send: [UInt8] = []
        let acking = acknowledging
        let resend = lastReply
        framer.consume(bytes) { input in
            switch input {
            case .packet(let payload):
                if acking { send.append(UInt8(ascii: "+")) }
                events.append(.request(Request.parse(payload)))
            case .badChecksum(let expected, let received):
                if acking { send.append(UInt8(ascii: "-")) }
                events.append(
                    .dropped(
                        "bad checksum: computed \(Hex.encode([expected])), received \(Hex.encode([received]))"))
            case .oversized(let length):
                // Acknowledged and answered with an error, so gdb does not resend it forever.
                if acking { send.append(UInt8(ascii: "+")) }
                send.append(contentsOf: PacketEncoder.frame("E01"))
                events.append(.dropped("packet of \(length) bytes is over the limit of \(Self.packetSize)"))
            case .interrupt: events.append(.interrupt)
            case .ack: break
            case .nack: if acking { send.append(contentsOf: resend) }
            }
        }
        return (events, send)
    }

    /// Frames a reply and keeps it for a resend.
    package mutating func reply(_ payload: [UInt8]) -> [UInt8] {
        let framed = PacketEncoder.frame(payload)
        if acknowledging { lastReply = framed }
        return framed
    }

    package mutating func reply(_ text: String) -> [UInt8] { reply(Array(text.utf8)) }

    /// QStartNoAckMode: its own OK is the last acknowledged reply.
    package mutating func stopAcknowledging() { acknowledging = false }

    /// A console line for gdb (`O` and the text in hex), shown as it arrives.
    package static func consoleOutput(_ text: String) -> [UInt8] { Array(("O" + Hex.encode(Array(text.utf8))).utf8) }
}
