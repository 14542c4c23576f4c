import DebugServer
import GDBRemote

/// The memory of a chip behind a debugger, as attach reads and writes it.
package protocol ChipMemory: AnyObject {
    func readMemory(_ address: UInt32, count: Int) throws(ClientError) -> [UInt8]
    func writeMemory(_ address: UInt32, _ bytes: [UInt8]) throws(ClientError)
}

extension GDBClient: ChipMemory {}

extension ChipMemory {
    /// One little-endian word.
    package func readWord(_ address: UInt32) throws(ClientError) -> UInt32 {
        let bytes = try readMemory(address, count: 4)
        return (0..<4).reduce(0) { $0 | UInt32(bytes[$1]) << UInt32(8 * $1) }
    }
}

/// A `ByteChannel` over a TCP connection.
package final class TCPChannel: ByteChannel {
    private let connection: TCPConnection

    package init(_ connection: TCPConnection) { self.connection = connection }

    package func send(_ bytes: [UInt8]) throws(ClientError) {
        guard connection.send(bytes) else { throw .closed(packet: "") }
    }

    package func receive(waitingAtMost milliseconds: Int) throws(ClientError) -> [UInt8] {
        guard let bytes = connection.receive(waitingAtMost: milliseconds) else { throw .closed(packet: "") }
        return bytes
    }

    package var milliseconds: UInt64 { TCPConnection.milliseconds }

    package func close() { connection.close() }
}

/// Where a GDB server listens, as users type it: `HOST:PORT` (`[ADDRESS]:PORT` for IPv6).
package struct ServerAddress: Equatable, Sendable, CustomStringConvertible {
    package let host: String
    package let port: UInt16

    package init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]), port > 0
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self.host = host
        self.port = port
    }

    package var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Connects and starts a GDB session (qSupported, no-ack mode when offered).
    package func connect(timeout: Int) throws(ClientError) -> (client: GDBClient, channel: TCPChannel) {
        let connection: TCPConnection
        do { connection = try TCPConnection(host: host, port: port, milliseconds: timeout) } catch {
            throw .connect(error.description)
        }
        let channel = TCPChannel(connection)
        let client = GDBClient(channel: channel, timeout: timeout)
        try client.start()
        return (client, channel)
    }
}
