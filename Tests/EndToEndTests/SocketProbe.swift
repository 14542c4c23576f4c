import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A minimal JTAG probe speaking remote_bitbang over a socket (debug-port.md §2-§4), for tests
/// that must stop a client at an exact point (mid-erase, mid-double-word), which OpenOCD cannot.
/// Each scan goes out as one batch of bytes; TDO is sampled before each rising edge.
final class SocketProbe {
    /// JTAG-DP instructions and DP/AP register addresses (debug-port.md §3, §4).
    enum Instruction: UInt64 {
        case dpacc = 0xA
        case apacc = 0xB
    }
    static let controlStatus: UInt32 = 0x4
    static let select: UInt32 = 0x8
    static let readBuffer: UInt32 = 0xC
    static let csw: UInt32 = 0x00
    static let tar: UInt32 = 0x04
    static let drw: UInt32 = 0x0C

    let socket: Int32

    init(socket: Int32) { self.socket = socket }

    /// Clocks one batch of (tms, tdi) pairs and returns the TDO seen at each.
    private func clock(_ bits: [(tms: Bool, tdi: Bool)]) throws -> [Bool] {
        var text = ""
        for (tms, tdi) in bits {
            let low = (tms ? 2 : 0) + (tdi ? 1 : 0)
            text += "\(low)R\(low + 4)"
        }
        let replies = exchange(socket, send: text, expect: bits.count)
        guard replies.count == bits.count else { throw ServeFailure(message: "the server closed the connection") }
        return replies.map { $0 == UInt8(ascii: "1") }
    }

    func resetTAPs() throws {
        _ = try clock(Array(repeating: (true, false), count: 5) + [(false, false)])
    }

    /// Shifts `count` bits of `value` (LSB first) through IR or DR from Run-Test/Idle and back.
    private func scan(ir: Bool, _ value: UInt64, count: Int) throws -> UInt64 {
        var bits: [(tms: Bool, tdi: Bool)] = [(true, false)]
        if ir { bits.append((true, false)) }
        bits += [(false, false), (false, false)]
        let lead = bits.count
        for bit in 0..<count { bits.append((bit == count - 1, value >> UInt64(bit) & 1 != 0)) }
        bits += [(true, false), (false, false)]
        let tdo = try clock(bits)
        var out: UInt64 = 0
        for bit in 0..<count where tdo[lead + bit] { out |= 1 << UInt64(bit) }
        return out
    }

    /// The boundary-scan TAP (IR 5 bits) sits in BYPASS behind the DP's 4-bit IR.
    private func instruction(_ instruction: Instruction) throws {
        _ = try scan(ir: true, instruction.rawValue | 0b11111 << 4, count: 9)
    }

    /// One DPACC/APACC transfer (35 bits plus the bypass bit); returns the previous read's data.
    private func transfer(read: Bool, address: UInt32, data: UInt32 = 0) throws -> UInt32 {
        let request = UInt64(data) << 3 | UInt64(address >> 2 & 3) << 1 | (read ? 1 : 0)
        return UInt32(truncatingIfNeeded: try scan(ir: false, request, count: 36) >> 3)
    }

    private func writeDP(_ address: UInt32, _ value: UInt32) throws {
        try instruction(.dpacc)
        _ = try transfer(read: false, address: address, data: value)
    }

    private func writeAP(_ address: UInt32, _ value: UInt32) throws {
        try writeDP(Self.select, address & 0xF0)
        try instruction(.apacc)
        _ = try transfer(read: false, address: address & 0xC, data: value)
    }

    private func readAP(_ address: UInt32) throws -> UInt32 {
        try writeDP(Self.select, address & 0xF0)
        try instruction(.apacc)
        _ = try transfer(read: true, address: address & 0xC)
        try instruction(.dpacc)
        return try transfer(read: true, address: Self.readBuffer)
    }

    /// Test-Logic-Reset, then the debug power-up OpenOCD does.
    func connect() throws {
        try resetTAPs()
        try writeDP(Self.controlStatus, 0x5000_0000)
    }

    /// A word write through the AHB access port (CSW: word, no increment).
    func write(_ address: UInt32, _ value: UInt32) throws {
        try writeAP(Self.csw, 0x2300_0002)
        try writeAP(Self.tar, address)
        try writeAP(Self.drw, value)
    }

    func read(_ address: UInt32) throws -> UInt32 {
        try writeAP(Self.csw, 0x2300_0002)
        try writeAP(Self.tar, address)
        return try readAP(Self.drw)
    }
}

extension SocketProbe {
    /// Unlocks NSCR, programs one OTP double word with PG (stm32l5-flash.md §8), waits while BSY,
    /// and leaves NSCR unlocked (the caller locks it, or leaves).
    func programOTP(at address: UInt32, low: UInt32, high: UInt32) throws {
        try write(ServeCrashSafetyTests.nskeyr, ServeCrashSafetyTests.keys.0)
        try write(ServeCrashSafetyTests.nskeyr, ServeCrashSafetyTests.keys.1)
        try write(ServeCrashSafetyTests.nscr, ServeCrashSafetyTests.pg)
        try write(address, low)
        try write(address + 4, high)
        var polls = 0
        while try read(ServeCrashSafetyTests.nssr) & ServeCrashSafetyTests.bsy != 0 && polls < 1_000 {
            polls += 1
        }
    }
}
