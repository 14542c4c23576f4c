import Foundation
import GDBRemote
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Random and mutated packets against a running `serve --gdb` (issue 16, "Bad input"): the server
/// never crashes or hangs, answers a well-formed packet afterwards, and leaves a loadable device.
@Suite(.serialized) struct GDBProtocolFuzzTests {
    /// Well-formed requests to mutate (no D, k or ob launch, which end or reset on purpose; they are tested elsewhere).
    static let corpus = [
        "qSupported:multiprocess+;xmlRegisters=arm", "?", "g", "p f", "P0=78563412", "m8000000,40",
        "M20000000,4:01020304",
        "X20000100,2:ab", "qXfer:features:read:target.xml:0,400", "qXfer:memory-map:read::0,200",
        "vFlashErase:08000000,800", "vFlashWrite:8000000:abcd", "vFlashDone", "qRcmd,68656c70", "qCRC:8000000,100",
        "Z0,8000100,2", "z0,8000100,2", "Z2,20000000,4", "vCont?", "s", "Hg0", "qAttached", "qfThreadInfo",
        "m0,ffffffff", "qCRC:fffffff0,100", "vFlashErase:90000000,1000",
    ]

    private static func send(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                raw.baseAddress.map { write(descriptor, $0 + sent, raw.count - sent) } ?? 0
            }
            if count <= 0 { return false }
            sent += count
        }
        return true
    }

    /// Reads what arrives within the socket's timeout after a short quiet spell; nil when the peer closed.
    /// What arrives until `quiet` milliseconds pass without a byte; nil when the server closed.
    private static func drain(_ descriptor: Int32, quiet: Int32 = 20) -> [UInt8]? {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while poll(&entry, 1, quiet) > 0 {
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if got <= 0 { return nil }
            received += buffer[0..<got]
        }
        return received
    }

    @Test func randomAndMutatedPacketsNeverBringTheServerDown() throws {
        let runner = try CommandRunner()
        try runner.run(["init"])
        let server = try GDBServer(runner)
        var generator = SystemRandomNumberGenerator.seeded(0x6D_6232)
        var socket = try server.connect()
        for round in 0..<600 {
            var bytes: [UInt8]
            switch round % 4 {
            case 0:  // Raw noise, `$`, `#`, `}` and 0x03 included.
                bytes = (0..<Int.random(in: 1...200, using: &generator)).map { _ in
                    [0x24, 0x23, 0x7D, 0x03, UInt8.random(in: 0...255, using: &generator)].randomElement(
                        using: &generator) ?? 0
                }
            case 1:  // A valid packet with a byte of its payload changed (the checksum kept right).
                var payload = Array(Self.corpus.randomElement(using: &generator)!.utf8)
                payload[Int.random(in: 0..<payload.count, using: &generator)] = UInt8.random(
                    in: 0...255, using: &generator)
                bytes = PacketEncoder.frame(payload)
            case 2:  // A valid packet cut short or with a wrong checksum.
                var framed = PacketEncoder.frame(Self.corpus.randomElement(using: &generator)!)
                if Bool.random(using: &generator) {
                    framed = Array(framed.prefix(Int.random(in: 1..<framed.count, using: &generator)))
                } else {
                    framed[framed.count - 1] ^= 0x01
                }
                bytes = framed
            default:  // A well-formed one, sometimes oversized.
                bytes =
                    round % 40 == 3
                    ? PacketEncoder.frame([UInt8](repeating: UInt8(ascii: "m"), count: 0x5000))
                    : PacketEncoder.frame(Self.corpus.randomElement(using: &generator)!)
            }
            if !Self.send(socket, bytes) || Self.drain(socket) == nil {
                close(socket)
                socket = try server.connect()
            }
        }
        close(socket)
        #expect(server.process.isRunning, "the server survived: \(server.log.suffix(2000))")
        // The last connection may still be closing on the server's side: ask until one is served.
        var answer = ""
        for _ in 0..<50 where !answer.contains("$S05#") {
            let fresh = try server.connect()
            _ = Self.send(fresh, PacketEncoder.frame("?"))
            // A loaded machine may take a while to save the last fuzzed session before it answers.
            answer = String(decoding: Self.drain(fresh, quiet: 1_000) ?? [], as: UTF8.self)
            close(fresh)
        }
        #expect(answer.contains("$S05#"), "\(answer)")
        #expect(server.stop().status == 0)
        #expect(try runner.run(["info"]).status == 0, "the device file still loads")
    }
}

extension SystemRandomNumberGenerator {
    /// A seeded generator for a reproducible fuzz run (xorshift64*).
    static func seeded(_ seed: UInt64) -> SeededGenerator { SeededGenerator(state: seed | 1) }
}

struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}
