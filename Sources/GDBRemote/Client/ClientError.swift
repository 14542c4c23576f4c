/// Why a request to a GDB server did not give an answer. Each names the last packet sent, so
/// a one-line message says where it stopped.
package enum ClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing (or not all of a reply) arrived in time.
    case timedOut(packet: String, milliseconds: Int)
    /// The server closed the connection (or the channel reported it gone).
    case closed(packet: String)
    /// A reply that is not what the packet asks for.
    case nonsense(packet: String, reply: String)
    /// `E NN`: the server refused the request.
    case serverError(packet: String, code: UInt8)
    /// The empty reply: the server does not support the packet.
    case unsupported(packet: String)
    /// The connection could not be made (host, port, refused, timed out).
    case connect(String)

    package var description: String {
        switch self {
        case .timedOut(let packet, let milliseconds):
            "no reply within \(milliseconds) ms to '\(packet)'"
        case .closed(let packet):
            packet.isEmpty ? "the server closed the connection" : "the server closed the connection after '\(packet)'"
        case .nonsense(let packet, let reply): "the reply to '\(packet)' makes no sense: '\(reply)'"
        case .serverError(let packet, let code): "the server answered '\(packet)' with error E\(Hex.encode([code]))"
        case .unsupported(let packet): "the server does not support '\(packet)'"
        case .connect(let why): why
        }
    }

    /// A payload as a message shows it: printable ASCII, at most 48 characters.
    static func shown(_ payload: some Collection<UInt8>) -> String {
        let text = String(payload.prefix(48).map { $0 >= 0x20 && $0 < 0x7F ? Character(UnicodeScalar($0)) : "." })
        return payload.count > 48 ? text + "..." : text
    }
}
