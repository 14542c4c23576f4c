@testable import DebugPort
import FlashCore

/// A JTAG probe as OpenOCD's bitbang driver drives one: pins through the remote_bitbang
/// encoding, TDO sampled with TCK low before each rising edge.
final class JTAGProbe {
    let target: DebugTarget
    private var wire = RemoteBitbang()

    init(target: DebugTarget) { self.target = target }

    /// Sends remote_bitbang bytes, returning the replies.
    @discardableResult
    func send(_ text: String) -> [UInt8] {
        var replies: [UInt8] = []
        _ = wire.consume(Array(text.utf8), pins: target, replies: &replies)
        return replies
    }

    private func clock(tms: Bool, tdi: Bool = false) -> Bool {
        let low = Character(String((tms ? 2 : 0) + (tdi ? 1 : 0)))
        let high = Character(String(4 + (tms ? 2 : 0) + (tdi ? 1 : 0)))
        let reply = send("\(low)R\(high)")
        return reply == [UInt8(ascii: "1")]
    }

    func resetTAPs() {
        for _ in 0..<5 { _ = clock(tms: true) }
        _ = clock(tms: false)  // Run-Test/Idle
    }

    /// Shifts `count` bits of `value` (LSB first) through IR or DR from Run-Test/Idle and back there.
    func scan(ir: Bool, _ value: UInt64, count: Int) -> UInt64 {
        _ = clock(tms: true)  // Select-DR
        if ir { _ = clock(tms: true) }  // Select-IR
        _ = clock(tms: false)  // Capture
        _ = clock(tms: false)  // Shift
        var out: UInt64 = 0
        for bit in 0..<count {
            let last = bit == count - 1
            if clock(tms: last, tdi: value >> UInt64(bit) & 1 != 0) { out |= 1 << UInt64(bit) }
        }
        _ = clock(tms: true)  // Update
        _ = clock(tms: false)  // Run-Test/Idle
        return out
    }

    /// IR scan with the boundary-scan TAP in BYPASS and `instruction` for the DP.
    func instruction(_ instruction: JTAGDebugPort.Instruction) {
        _ = scan(ir: true, instruction.rawValue | 0b11111 << 4, count: 9)
    }

    /// One DPACC/APACC scan: returns (ack, the previous transaction's data). The bypass bit comes last.
    func transfer(read: Bool, address: UInt32, data: UInt32 = 0) -> (ack: UInt64, data: UInt32) {
        let request = UInt64(data) << 3 | UInt64(address >> 2 & 3) << 1 | (read ? 1 : 0)
        let out = scan(ir: false, request, count: 36)
        return (out & 0b111, UInt32(truncatingIfNeeded: out >> 3))
    }

    func writeDP(_ address: UInt32, _ value: UInt32) {
        instruction(.dpacc)
        _ = transfer(read: false, address: address, data: value)
    }

    func readDP(_ address: UInt32) -> UInt32 {
        instruction(.dpacc)
        _ = transfer(read: true, address: address)
        return transfer(read: true, address: DebugPortRegister.readBuffer.rawValue).data
    }

    func writeAP(_ address: UInt32, _ value: UInt32) {
        writeDP(DebugPortRegister.select.rawValue, address & 0xF0)
        instruction(.apacc)
        _ = transfer(read: false, address: address & 0xC, data: value)
    }

    func readAP(_ address: UInt32) -> UInt32 {
        writeDP(DebugPortRegister.select.rawValue, address & 0xF0)
        instruction(.apacc)
        _ = transfer(read: true, address: address & 0xC)
        instruction(.dpacc)
        return transfer(read: true, address: DebugPortRegister.readBuffer.rawValue).data
    }

    func powerUp() {
        writeDP(DebugPortRegister.controlStatus.rawValue, 0x5000_0000)
    }

    func writeMemory(_ address: UInt32, _ value: UInt32) {
        writeAP(AccessPortRegister.controlStatusWord.rawValue, 0x2300_0012)  // word, single increment
        writeAP(AccessPortRegister.transferAddress.rawValue, address)
        writeAP(AccessPortRegister.dataReadWrite.rawValue, value)
    }

    func readMemory(_ address: UInt32) -> UInt32 {
        writeAP(AccessPortRegister.controlStatusWord.rawValue, 0x2300_0012)
        writeAP(AccessPortRegister.transferAddress.rawValue, address)
        return readAP(AccessPortRegister.dataReadWrite.rawValue)
    }
}
