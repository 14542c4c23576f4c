import Testing

@testable import GDBRemote

/// The client side of the remote protocol (GDB manual, "Remote Protocol": Overview, Standard
/// Replies, General Query Packets `qSupported`/`qRcmd`, `m`/`M`, Stop Reply Packets), against
/// crafted server bytes.
@Suite struct ClientTests {
    private func replies(_ text: String, limit: Int = 4096) -> [ServerInput] {
        var framer = ReplyFramer(limit: limit)
        var out: [ServerInput] = []
        framer.consume(Array(text.utf8)) { out.append($0) }
        return out
    }

    /// A server that offers PacketSize and no-ack mode, answers `m` with a counting pattern.
    private func memoryServer(packetSize: String = "100", noAck: Bool = true) -> ScriptedServer {
        var acking = true
        return ScriptedServer { packet in
            let ack: [UInt8] = acking ? [UInt8(ascii: "+")] : []
            if packet.hasPrefix("qSupported") {
                return ack + PacketEncoder.frame("PacketSize=\(packetSize);QStartNoAckMode\(noAck ? "+" : "-")")
            }
            if packet == "QStartNoAckMode" {
                acking = false
                return ack + PacketEncoder.frame("OK")
            }
            if packet.hasPrefix("m") {
                let fields = packet.dropFirst().split(separator: ",")
                let address = Int(fields[0], radix: 16) ?? 0
                let length = Int(fields[1], radix: 16) ?? 0
                return ack
                    + PacketEncoder.frame(Hex.encode((0..<length).map { UInt8(truncatingIfNeeded: address + $0) }))
            }
            if packet.hasPrefix("M") { return ack + PacketEncoder.frame("OK") }
            return ack + PacketEncoder.frame("")
        }
    }

    @Test func runLengthEncodingRepeatsThePreviousByte() {
        // "0* " is '0' then ' ' (32) - 29 = 3 more: "0000" (Overview, run-length encoding).
        let sum = "0* ".utf8.reduce(UInt8(0)) { $0 &+ $1 }
        #expect(replies("$0* #" + Hex.encode([sum])) == [.packet(Array("0000".utf8))])
    }

    @Test func escapesAreUndoneAndNotificationsSkipped() {
        let framed = String(decoding: PacketEncoder.frame([0x23, 0x2A, 0x7D]), as: UTF8.self)
        #expect(replies("%Stop:T05#00+" + framed) == [.ack, .packet([0x23, 0x2A, 0x7D])])
        #expect(replies("$OK#00") == [.badChecksum])
    }

    @Test func startReadsPacketSizeAndEntersNoAckMode() throws {
        let server = memoryServer()
        let client = GDBClient(channel: server)
        try client.start()
        #expect(client.packetSize == 0x100)
        #expect(server.packets == ["qSupported:swbreak+;hwbreak+;vContSupported+", "QStartNoAckMode"])
        // The OK of QStartNoAckMode is still acknowledged; nothing after it is.
        let acksBefore = server.sent.filter { $0 == UInt8(ascii: "+") }.count
        _ = try client.readMemory(0x0800_0000, count: 4)
        #expect(server.sent.filter { $0 == UInt8(ascii: "+") }.count == acksBefore)
    }

    @Test func readsAreCutToThePacketSize() throws {
        let server = memoryServer(packetSize: "40")
        let client = GDBClient(channel: server)
        try client.start()
        let bytes = try client.readMemory(0x2000_0000, count: 100)
        #expect(bytes == (0..<100).map { UInt8($0) })
        // (0x40 - 8) / 2 = 28 bytes a packet: 28, 28, 28, 16.
        #expect(
            server.packets.filter { $0.hasPrefix("m") } == [
                "m20000000,1c", "m2000001c,1c", "m20000038,1c", "m20000054,10",
            ])
    }

    @Test func aPartialReadAsksForTheRest() throws {
        let server = ScriptedServer { packet in
            packet.hasPrefix("m8000000,") ? ScriptedServer.acked("aabb") : ScriptedServer.acked("ccdd")
        }
        let client = GDBClient(channel: server)
        #expect(try client.readMemory(0x0800_0000, count: 4) == [0xAA, 0xBB, 0xCC, 0xDD])
        #expect(server.packets == ["m8000000,4", "m8000002,2"])
    }

    @Test func anErrorReplyIsTypedAndNamesThePacket() throws {
        let server = ScriptedServer { _ in ScriptedServer.acked("E03") }
        let client = GDBClient(channel: server)
        #expect(throws: ClientError.serverError(packet: "m8000000,4", code: 3)) {
            try client.readMemory(0x0800_0000, count: 4)
        }
    }

    @Test func nonsenseIsAnErrorNamingThePacket() throws {
        let server = ScriptedServer { _ in ScriptedServer.acked("hello there") }
        let client = GDBClient(channel: server)
        #expect(throws: ClientError.nonsense(packet: "m40022040,4", reply: "hello there")) {
            try client.readMemory(0x4002_2040, count: 4)
        }
        #expect(throws: ClientError.nonsense(packet: "M40022028,4", reply: "hello there")) {
            try client.writeMemory(0x4002_2028, [1, 2, 3, 4])
        }
        #expect(throws: ClientError.nonsense(packet: "?", reply: "hello there")) { try client.stopState() }
    }

    @Test func silenceTimesOutNamingThePacket() throws {
        let server = ScriptedServer { _ in [UInt8(ascii: "+")] }
        let client = GDBClient(channel: server, timeout: 250)
        #expect(throws: ClientError.timedOut(packet: "m90000000,4", milliseconds: 250)) {
            try client.readMemory(0x9000_0000, count: 4)
        }
        #expect(server.milliseconds == 250)
    }

    @Test func aClosedConnectionNamesTheLastPacket() throws {
        let server = memoryServer()
        let client = GDBClient(channel: server)
        try client.start()
        server.closed = true
        #expect(throws: ClientError.closed(packet: "M8000000,8")) {
            try client.writeMemory(0x0800_0000, [0, 0, 0, 0, 0, 0, 0, 0])
        }
    }

    @Test func aNackResendsAndAnAckedReplyIsAcknowledged() throws {
        var first = true
        let server = ScriptedServer { _ in
            if first {
                first = false
                return [UInt8(ascii: "-")]
            }
            return ScriptedServer.acked("S05")
        }
        let client = GDBClient(channel: server)
        #expect(try client.stopState() == .stopped(signal: 5))
        #expect(server.packets == ["?", "?"])
        #expect(server.sent.last == UInt8(ascii: "+"))
    }

    @Test func monitorOutputComesFromConsolePackets() throws {
        let server = ScriptedServer { packet in
            guard packet.hasPrefix("qRcmd,") else { return ScriptedServer.acked("") }
            return [UInt8(ascii: "+")] + PacketEncoder.frame("O" + Hex.encode(Array("target halted\n".utf8)))
                + PacketEncoder.frame("O" + Hex.encode(Array("pc: 0x08000100\n".utf8))) + PacketEncoder.frame("OK")
        }
        let client = GDBClient(channel: server)
        #expect(try client.monitor("halt") == "target halted\npc: 0x08000100\n")
        #expect(server.packets == ["qRcmd," + Hex.encode(Array("halt".utf8))])
        #expect(client.console.count == 2)
    }

    @Test func anUnsupportedMonitorIsSaid() throws {
        let client = GDBClient(channel: ScriptedServer { _ in ScriptedServer.acked("") })
        #expect(throws: ClientError.unsupported(packet: "monitor reset halt")) { try client.monitor("reset halt") }
    }

    @Test func interruptSendsCtrlCAndWaitsForTheStop() throws {
        let server = ScriptedServer { packet in packet == "\u{03}" ? PacketEncoder.frame("T02thread:1;") : [] }
        let client = GDBClient(channel: server)
        #expect(try client.interrupt() == .stopped(signal: 2))
        #expect(server.sent.first == 0x03)
    }

    @Test func aBadPacketSizeIsNonsense() {
        let client = GDBClient(channel: ScriptedServer { _ in ScriptedServer.acked("PacketSize=zz") })
        #expect(throws: ClientError.nonsense(packet: "qSupported", reply: "PacketSize=zz")) { try client.start() }
    }
}
