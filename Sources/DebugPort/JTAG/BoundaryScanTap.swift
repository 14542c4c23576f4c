/// The STM32L5's boundary-scan TAP (IR 5 bits), which sits between TDI and the Cortex-M33's
/// JTAG-DP. Only IDCODE and BYPASS are modelled: every other instruction selects the one-bit
/// bypass register, since no pin is simulated.
package final class BoundaryScanTap: JTAGTap {
    package static let idcodeInstruction: UInt64 = 0b00001
    /// The IDCODE it answers, or nil for a TAP whose reset instruction is BYPASS.
    let idcode: UInt32?
    private var instruction: UInt64 = 0

    package init(idcode: UInt32?) {
        self.idcode = idcode
        resetInstruction()
    }

    package let irLength = 5
    package let irCapture: UInt64 = 0b00001

    package func resetInstruction() { instruction = idcode == nil ? 0b11111 : Self.idcodeInstruction }
    package func updateInstruction(_ instruction: UInt64) { self.instruction = instruction }

    private var selectsIDCODE: Bool { idcode != nil && instruction == Self.idcodeInstruction }
    package var drLength: Int { selectsIDCODE ? 32 : 1 }
    package func captureData() -> UInt64 { selectsIDCODE ? UInt64(idcode ?? 0) : 0 }
    package func updateData(_ value: UInt64) {}
}
