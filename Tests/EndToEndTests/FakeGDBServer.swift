import DebugServer
import Foundation
import GDBRemote

#if canImport(Glibc)
import Glibc
#endif

/// A GDB server made of a closure, on a loopback port, for what no real server does: a chip
/// that is not an L5, replies that make no sense, a connection that drops. It acknowledges
/// every packet, offers no no-ack mode, and answers each packet with `answer`'s text (nil:
/// close the connection there).
final class FakeGDBServer: @unchecked Sendable {
    let port: UInt16
    private let listener: TCPListener
    private let answer: @Sendable (String) -> String?
    private let lock = NSLock()
    private var stopped = false
    private var received: [String] = []

    init(_ answer: @escaping @Sendable (String) -> String?) throws {
        listener = try TCPListener(host: "127.0.0.1", port: 0)
        port = listener.port
        self.answer = answer
        Thread { [self] in serve() }.start()
    }

    deinit { stop() }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    var packets: [String] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func serve() {
        var client: Socket?
        while client == nil {
            if isStopped { return }
            client = listener.accept()?.socket
            if client == nil { usleep(5000) }
        }
        guard let socket = client else { return }
        var framer = PacketFramer(limit: 0x10000)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !isStopped {
            switch socket.read(into: &buffer) {
            case .closed: return
            case .wouldBlock: usleep(1000)
            case .bytes(let count):
                var packets: [String] = []
                framer.consume(buffer[0..<count]) { input in
                    if case .packet(let payload) = input { packets.append(String(decoding: payload, as: UTF8.self)) }
                }
                for packet in packets {
                    lock.lock()
                    received.append(packet)
                    lock.unlock()
                    guard let reply = answer(packet) else {
                        socket.shut()
                        return
                    }
                    socket.write([UInt8(ascii: "+")] + PacketEncoder.frame(reply))
                }
            }
        }
    }

    /// An STM32L552xC at the register level: IDCODE, FLASH_SIZE, the factory option registers,
    /// a halted core; everything else reads 0. `idcode` replaces DBGMCU_IDCODE.
    static func registers(idcode: UInt32 = 0x2000_0472) -> [UInt32: UInt32] {
        [
            0xE004_4000: idcode, 0x0BFA_05E0: 0xFFFF_0100, 0x4002_2040: 0x7FEF_F8AA, 0x4002_2044: 0x0800_007F,
            0x4002_2048: 0x0BF9_007F, 0x4002_204C: 0x0C00_007C, 0x4002_2050: 0xFFFF_FF80, 0x4002_2054: 0x7F80_7F80,
            0x4002_2058: 0xFF80_FFFF, 0x4002_205C: 0xFF80_FFFF, 0x4002_2060: 0xFFFF_FF80, 0x4002_2064: 0x7F80_7F80,
            0x4002_2068: 0xFF80_FFFF, 0x4002_206C: 0xFF80_FFFF, 0xE000_EDF0: 0x0002_0000,
        ]
    }

    /// The reply to `m` from a register table (little-endian words, 0 elsewhere); nil for other packets.
    static func memory(_ packet: String, _ registers: [UInt32: UInt32]) -> String? {
        guard packet.hasPrefix("m") else { return nil }
        let fields = packet.dropFirst().split(separator: ",")
        guard fields.count == 2, let address = UInt32(fields[0], radix: 16), let length = Int(fields[1], radix: 16)
        else { return "E01" }
        var bytes: [UInt8] = []
        for index in 0..<length {
            let at = address &+ UInt32(index)
            let word = registers[at & ~3] ?? 0
            bytes.append(UInt8(truncatingIfNeeded: word >> (8 * (at & 3))))
        }
        return Hex.encode(bytes)
    }
}
