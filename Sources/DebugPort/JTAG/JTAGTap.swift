/// One TAP of a scan chain, as the chain drives it: capture loads a shift register, the
/// chain shifts it one bit per clock, update hands the shifted-in value to the TAP.
/// Registers are at most 64 bits long (the DP's 35-bit DPACC/APACC is the longest here).
package protocol JTAGTap: AnyObject {
    var irLength: Int { get }
    /// What Capture-IR loads (IEEE 1149.1: the two low bits are 0b01).
    var irCapture: UInt64 { get }
    /// Test-Logic-Reset: the instruction returns to IDCODE (or BYPASS without one).
    func resetInstruction()
    /// Update-IR with the shifted-in instruction.
    func updateInstruction(_ instruction: UInt64)
    /// The length of the data register the current instruction selects.
    var drLength: Int { get }
    /// What Capture-DR loads into it.
    func captureData() -> UInt64
    /// Update-DR with the shifted-in value.
    func updateData(_ value: UInt64)
}

/// A shift register of up to 64 bits: bits enter at the top (from TDI's side) and leave at bit 0 (towards TDO).
struct ShiftRegister {
    var bits: UInt64 = 0
    var length = 1

    var out: Bool { bits & 1 != 0 }

    /// Shifts one bit in, returning the bit that left.
    mutating func shift(in bit: Bool) -> Bool {
        let leaving = out
        bits >>= 1
        if bit { bits |= 1 << UInt64(length - 1) }
        return leaving
    }

    mutating func load(_ value: UInt64, length: Int) {
        self.length = max(1, min(length, 64))
        bits = self.length == 64 ? value : value & ((1 << UInt64(self.length)) - 1)
    }
}
