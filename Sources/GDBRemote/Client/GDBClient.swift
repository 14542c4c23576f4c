/// What a stop reply says (GDB manual, "Stop Reply Packets").
package enum StopState: Equatable, Sendable {
    /// `S`/`T`: the core is stopped with a signal.
    case stopped(signal: UInt8)
    /// `W`/`X`: the process exited or was killed.
    case exited(UInt8)
}

/// The client side of gdb's remote protocol over any `ByteChannel`: qSupported (the server's
/// PacketSize bounds every `m` and `M`), no-ack mode when the server offers it, memory reads
/// and writes, stop state, interrupt and continue, monitor commands, detach. Every wait is
/// bounded by `timeout`; every reply is checked against what the packet asks for.
package final class GDBClient {
    private let channel: any ByteChannel
    /// How long one reply may take, in milliseconds.
    package let timeout: Int
    private var framer = ReplyFramer(limit: 0x10_0000)
    private var pending: [ServerInput] = []
    private var acknowledging = true
    /// The server's PacketSize (its largest packet, in bytes), 0x400 until qSupported says otherwise.
    package private(set) var packetSize = 0x400
    /// What the server offered in qSupported (`name` -> `+`, `-` or a value).
    package private(set) var features: [String: String] = [:]
    /// Console text the server sent (`O` packets), in order.
    package private(set) var console: [String] = []
    /// The last packet sent, as messages name it.
    package private(set) var lastPacket = ""
    /// Memory accesses acknowledged so far (a read or write the server answered).
    package private(set) var acknowledgedAccesses = 0

    package init(channel: any ByteChannel, timeout: Int = 5000) {
        self.channel = channel
        self.timeout = timeout
    }

    // MARK: Session

    /// qSupported, then QStartNoAckMode when the server offers it.
    package func start() throws(ClientError) {
        let reply = try request("qSupported:swbreak+;hwbreak+;vContSupported+")
        for item in reply.split(separator: UInt8(ascii: ";")) {
            let text = String(decoding: item, as: UTF8.self)
            if let equals = text.firstIndex(of: "=") {
                features[String(text[..<equals])] = String(text[text.index(after: equals)...])
            } else if let last = text.last, last == "+" || last == "-" {
                features[String(text.dropLast())] = String(last)
            }
        }
        if let size = features["PacketSize"] {
            guard let value = Hex.number(Array(size.utf8)), value >= 16 else {
                throw .nonsense(packet: "qSupported", reply: "PacketSize=\(size)")
            }
            packetSize = Int(min(value, 0x10_0000))
        }
        if features["QStartNoAckMode"] == "+" {
            try expectOK("QStartNoAckMode")
            acknowledging = false
        }
    }

    /// `?`: why the target stopped.
    package func stopState() throws(ClientError) -> StopState { try parseStop(request("?"), packet: "?") }

    /// Ctrl-C (0x03): asks a running core to halt and waits for its stop reply.
    package func interrupt() throws(ClientError) -> StopState {
        lastPacket = "interrupt (0x03)"
        try transmit([0x03])
        return try parseStop(reply(), packet: lastPacket)
    }

    /// `c`: lets the core run; the stop reply comes when it stops, which this does not wait for.
    package func resume() throws(ClientError) { try send("c") }

    /// `qRcmd`: a monitor command; the text the server printed for it.
    package func monitor(_ command: String) throws(ClientError) -> String {
        let packet = "qRcmd," + Hex.encode(Array(command.utf8))
        let before = console.count
        let reply = try request(packet, name: "monitor \(command)")
        guard reply == Array("OK".utf8) else {
            if reply.isEmpty { throw .unsupported(packet: "monitor \(command)") }
            // Some servers answer with the text in hex instead of O packets.
            guard let text = Hex.decode(reply) else {
                throw .nonsense(packet: lastPacket, reply: ClientError.shown(reply))
            }
            return console[before...].joined() + String(decoding: text, as: UTF8.self)
        }
        return console[before...].joined()
    }

    /// `D`: leaves the target as it is (running or halted).
    package func detach() throws(ClientError) { try expectOK("D") }

    // MARK: Memory

    /// `m`, in pieces the server's PacketSize holds (each byte is two hex digits in the reply).
    package func readMemory(_ address: UInt32, count: Int) throws(ClientError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        let piece = max(1, (packetSize - 8) / 2)
        while out.count < count {
            let at = address &+ UInt32(out.count)
            let length = min(piece, count - out.count)
            let packet = "m\(String(at, radix: 16)),\(String(length, radix: 16))"
            let reply = try request(packet)
            // Fewer bytes than asked is a partial read (GDB manual, `m`): the rest is asked for next.
            guard let bytes = Hex.decode(reply), !bytes.isEmpty, bytes.count <= length else {
                throw .nonsense(packet: packet, reply: ClientError.shown(reply))
            }
            acknowledgedAccesses += 1
            out += bytes
        }
        return out
    }

    /// `M`, in pieces the server's PacketSize holds.
    package func writeMemory(_ address: UInt32, _ bytes: [UInt8]) throws(ClientError) {
        let piece = max(1, (packetSize - 24) / 2)
        var done = 0
        while done < bytes.count {
            let at = address &+ UInt32(done)
            let length = min(piece, bytes.count - done)
            let head = "M\(String(at, radix: 16)),\(String(length, radix: 16))"
            try expectOK(head + ":" + Hex.encode(bytes[done..<(done + length)]), name: head)
            acknowledgedAccesses += 1
            done += length
        }
    }

    // MARK: Packets

    /// Sends a packet and returns its reply; `E NN` becomes `.serverError`.
    @discardableResult
    package func request(_ packet: String, name: String? = nil) throws(ClientError) -> [UInt8] {
        try send(packet, name: name)
        let answer = try reply()
        if answer.count == 3, answer[0] == UInt8(ascii: "E"), let code = Hex.decode(answer[1...]) {
            throw .serverError(packet: lastPacket, code: code[0])
        }
        return answer
    }

    private func expectOK(_ packet: String, name: String? = nil) throws(ClientError) {
        let answer = try request(packet, name: name)
        if answer.isEmpty { throw .unsupported(packet: lastPacket) }
        guard answer == Array("OK".utf8) else { throw .nonsense(packet: lastPacket, reply: ClientError.shown(answer)) }
    }

    /// Frames and sends a packet; while acknowledging, waits for `+` (resending on `-`, three times at most).
    private func send(_ packet: String, name: String? = nil) throws(ClientError) {
        lastPacket = name ?? ClientError.shown(Array(packet.utf8))
        let framed = PacketEncoder.frame(packet)
        try transmit(framed)
        guard acknowledging else { return }
        var resends = 0
        while true {
            switch try next() {
            case .ack: return
            case .nack:
                resends += 1
                guard resends <= 3 else {
                    throw .nonsense(packet: lastPacket, reply: "refused it \(resends) times (-)")
                }
                try transmit(framed)
            case let input:
                // A server that answers without acknowledging: keep the reply for `reply()`.
                pending.insert(input, at: 0)
                return
            }
        }
    }

    /// Sends raw bytes; a channel that reports the peer gone names the packet being sent.
    private func transmit(_ bytes: [UInt8]) throws(ClientError) {
        do { try channel.send(bytes) } catch .closed { throw .closed(packet: lastPacket) }
    }

    /// The next reply packet; console `O` packets are collected on the way.
    private func reply() throws(ClientError) -> [UInt8] {
        var badChecksums = 0
        while true {
            switch try next() {
            case .ack, .nack: continue
            case .badChecksum:
                badChecksums += 1
                guard acknowledging, badChecksums <= 3 else {
                    throw .nonsense(packet: lastPacket, reply: "a reply with a bad checksum")
                }
                try transmit([UInt8(ascii: "-")])
            case .oversized(let length):
                throw .nonsense(packet: lastPacket, reply: "a reply of \(length) bytes")
            case .packet(let payload):
                if acknowledging { try transmit([UInt8(ascii: "+")]) }
                if let text = Self.consoleText(payload) {
                    console.append(text)
                    continue
                }
                return payload
            }
        }
    }

    /// The next framed input, waiting until the deadline one reply may take.
    private func next() throws(ClientError) -> ServerInput {
        if !pending.isEmpty { return pending.removeFirst() }
        let deadline = channel.milliseconds + UInt64(timeout)
        while pending.isEmpty {
            let now = channel.milliseconds
            guard now < deadline else { throw .timedOut(packet: lastPacket, milliseconds: timeout) }
            let bytes: [UInt8]
            do { bytes = try channel.receive(waitingAtMost: Int(deadline - now)) } catch .closed {
                throw .closed(packet: lastPacket)
            }
            framer.consume(bytes) { pending.append($0) }
        }
        return pending.removeFirst()
    }

    private func parseStop(_ reply: [UInt8], packet: String) throws(ClientError) -> StopState {
        guard reply.count >= 3, let code = Hex.decode(reply[1..<3]) else {
            throw .nonsense(packet: packet, reply: ClientError.shown(reply))
        }
        switch reply[0] {
        case UInt8(ascii: "S"), UInt8(ascii: "T"): return .stopped(signal: code[0])
        case UInt8(ascii: "W"), UInt8(ascii: "X"): return .exited(code[0])
        default: throw .nonsense(packet: packet, reply: ClientError.shown(reply))
        }
    }

    /// `O` and hex text is console output; `OK` is not (K is not a hex digit).
    static func consoleText(_ payload: [UInt8]) -> String? {
        guard payload.count >= 3, payload[0] == UInt8(ascii: "O"), let text = Hex.decode(payload[1...]) else {
            return nil
        }
        return String(decoding: text, as: UTF8.self)
    }
}
