import Testing

@testable import GDBRemote

/// Framing, escapes and checksums from the GDB manual, "Remote Protocol" > "Overview".
@Suite struct FramingTests {
    private func events(_ text: String, limit: Int = 64) -> [FramedInput] {
        var framer = PacketFramer(limit: limit)
        var out: [FramedInput] = []
        framer.consume(Array(text.utf8)) { out.append($0) }
        return out
    }

    @Test func checksumIsTheByteSumModulo256() {
        // "OK" = 0x4F + 0x4B = 0x9A.
        #expect(PacketEncoder.frame("OK") == Array("$OK#9a".utf8))
        #expect(events("$OK#9a") == [.packet(Array("OK".utf8))])
        #expect(events("$OK#9A") == [.packet(Array("OK".utf8))])
    }

    @Test func aBadChecksumIsReportedNotDelivered() {
        #expect(events("$OK#00") == [.badChecksum(expected: 0x9A, received: 0x00)])
        #expect(events("$OK#zz") == [.badChecksum(expected: 0x9A, received: 0)])
    }

    @Test func escapedBytesAreUnescapedAndTheChecksumCoversTheRawBytes() {
        // `}` then byte ^ 0x20: "}\x03" is '#' (0x23); the checksum is over 0x7D and 0x03.
        var framer = PacketFramer(limit: 64)
        var out: [FramedInput] = []
        let sum = UInt8(ascii: "X") &+ 0x7D &+ 0x03
        framer.consume([UInt8(ascii: "$"), UInt8(ascii: "X"), 0x7D, 0x03, UInt8(ascii: "#")] + Hex.byte(sum)) {
            out.append($0)
        }
        #expect(out == [.packet([UInt8(ascii: "X"), 0x23])])
    }

    @Test func anAsteriskInARequestIsData() {
        // Run-length encoding is for replies only; X and vFlashWrite data may hold '*'.
        let payload = Array("a*b".utf8)
        #expect(events(String(decoding: PacketEncoder.frame(payload), as: UTF8.self)) == [.packet(payload)])
    }

    @Test func encodingEscapesTheFourSpecialBytes() {
        let framed = PacketEncoder.frame([0x23, 0x24, 0x7D, 0x2A, 0x41])
        #expect(Array(framed.dropFirst().prefix(9)) == [0x7D, 0x03, 0x7D, 0x04, 0x7D, 0x5D, 0x7D, 0x0A, 0x41])
        var framer = PacketFramer(limit: 64)
        var out: [FramedInput] = []
        framer.consume(framed) { out.append($0) }
        #expect(out == [.packet([0x23, 0x24, 0x7D, 0x2A, 0x41])])
    }

    @Test func acksInterruptsAndNoiseOutsidePackets() {
        #expect(events("+-\u{03}xyz$g#67") == [.ack, .nack, .interrupt, .packet(Array("g".utf8))])
    }

    @Test func anOversizedPacketIsDroppedAndTheNextOneStillParses() {
        let long = String(repeating: "a", count: 100)
        let sum = Hex.encode([UInt8(truncatingIfNeeded: 100 * 0x61)])
        #expect(events("$\(long)#\(sum)$g#67", limit: 64) == [.oversized(100), .packet(Array("g".utf8))])
    }

    @Test func aPacketSplitAcrossReadsIsJoined() {
        var framer = PacketFramer(limit: 64)
        var out: [FramedInput] = []
        for piece in ["$O", "K#", "9", "a"] { framer.consume(Array(piece.utf8)) { out.append($0) } }
        #expect(out == [.packet(Array("OK".utf8))])
    }
}

@Suite struct ConnectionTests {
    @Test func acknowledgesUntilNoAckModeThenStops() {
        var connection = RemoteConnection()
        let first = connection.receive(Array("$QStartNoAckMode#b0".utf8))
        #expect(first.send == Array("+".utf8))
        #expect(first.events == [.request(.startNoAck)])
        _ = connection.reply("OK")
        connection.stopAcknowledging()
        let second = connection.receive(Array("$g#67".utf8))
        #expect(second.send.isEmpty)
        #expect(second.events == [.request(.readRegisters)])
    }

    @Test func aNackResendsTheLastReply() {
        var connection = RemoteConnection()
        let reply = connection.reply("OK")
        #expect(connection.receive(Array("-".utf8)).send == reply)
    }

    @Test func aBadChecksumIsNackedAndLogged() {
        var connection = RemoteConnection()
        let outcome = connection.receive(Array("$g#00".utf8))
        #expect(outcome.send == Array("-".utf8))
        #expect(outcome.events.count == 1)
    }

    @Test func anOversizedPacketIsAnsweredWithAnError() {
        var connection = RemoteConnection()
        let payload = [UInt8](repeating: UInt8(ascii: "a"), count: RemoteConnection.packetSize + 1)
        let outcome = connection.receive(PacketEncoder.frame(payload))
        #expect(outcome.send == Array("+".utf8) + PacketEncoder.frame("E01"))
    }

    @Test func consoleOutputIsOAndHex() {
        #expect(RemoteConnection.consoleOutput("hi\n") == Array("O68690a".utf8))
    }
}

@Suite struct CRCTests {
    @Test func matchesGdbsCRC32() {
        // gdb's xcrc32 (MSB first, 0x04C11DB7, init 0xFFFFFFFF, no final xor) of "123456789" is
        // 0x0376E6E7 (the CRC-32/MPEG-2 check value).
        #expect(GDBCRC.update(GDBCRC.initial, Array("123456789".utf8)) == 0x0376_E6E7)
    }
}
