/// A JTAG scan chain: TDI enters the first TAP, each TAP's output feeds the next, the last
/// one drives TDO. All TAPs share TCK, TMS and the TAP controller state.
package final class ScanChain {
    /// From TDI to TDO.
    private let taps: [any JTAGTap]
    private var shiftRegisters: [ShiftRegister]
    package private(set) var state: TAPState = .testLogicReset
    private var tck = false

    /// `taps` in chain order from TDI to TDO.
    package init(taps: [any JTAGTap]) {
        self.taps = taps
        shiftRegisters = Array(repeating: ShiftRegister(), count: taps.count)
        testLogicReset()
    }

    /// What TDO shows now: the bit the last TAP would shift out, in a shift state; 0 otherwise.
    package var tdo: Bool {
        guard state == .shiftDR || state == .shiftIR, let last = shiftRegisters.last else { return false }
        return last.out
    }

    /// TRST, or five clocks with TMS high: every TAP back to its reset instruction.
    package func testLogicReset() {
        state = .testLogicReset
        for tap in taps { tap.resetInstruction() }
    }

    /// The pins as an adapter sets them; a rising TCK edge clocks the chain.
    package func drive(tck newTCK: Bool, tms: Bool, tdi: Bool) {
        defer { tck = newTCK }
        guard newTCK, !tck else { return }
        clock(tms: tms, tdi: tdi)
    }

    private func clock(tms: Bool, tdi: Bool) {
        switch state {
        case .captureIR:
            for (index, tap) in taps.enumerated() { shiftRegisters[index].load(tap.irCapture, length: tap.irLength) }
        case .captureDR:
            for (index, tap) in taps.enumerated() {
                shiftRegisters[index].load(tap.captureData(), length: tap.drLength)
            }
        case .shiftIR, .shiftDR:
            var bit = tdi
            for index in shiftRegisters.indices { bit = shiftRegisters[index].shift(in: bit) }
        default:
            break
        }
        state = state.next(tms: tms)
        switch state {
        case .testLogicReset: testLogicReset()
        case .updateIR: for (index, tap) in taps.enumerated() { tap.updateInstruction(shiftRegisters[index].bits) }
        case .updateDR: for (index, tap) in taps.enumerated() { tap.updateData(shiftRegisters[index].bits) }
        default: break
        }
    }
}
