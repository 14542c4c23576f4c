import FlashCore

/// The Cortex-M33's JTAG-DP as a TAP (ADIv5.2, debug-port.md §3): IR 4 bits; IDCODE,
/// BYPASS, ABORT, DPACC and APACC. A DPACC/APACC scan captures the ACK and the result of
/// the previous transaction and, at Update-DR, starts the one it carries. Transactions
/// complete at once, so the ACK is always OK/FAULT (0b010), never WAIT; faults are reported
/// through CTRL/STAT's sticky flags as on silicon.
package final class JTAGDebugPort: JTAGTap {
    package enum Instruction: UInt64 {
        case abort = 0x8, dpacc = 0xA, apacc = 0xB, idcode = 0xE, bypass = 0xF
    }

    /// The JTAG IDCODE stm32x5x_common.cfg expects (debug-port.md §1).
    package static let idcode: UInt32 = 0x0BA0_4477
    /// DPIDR: the DP's own identification, the id an SWD probe reads (debug-port.md §1).
    package static let dpidr: UInt32 = 0x0BE1_2477
    static let acknowledgeOK: UInt64 = 0b010

    private var instruction: Instruction? = .idcode
    private var controlStatus: UInt32 = 0
    private var select: UInt32 = 0
    /// What the next DPACC/APACC capture returns in bits 34:3.
    private var previousResult: UInt32 = 0
    /// The access ports by APSEL; a missing one reads as zero (IDR 0: no AP).
    private let accessPorts: [UInt8: any AccessPort]
    /// Called when the debugger writes DAPABORT, after the DP has dropped what it was doing.
    package var log: (String) -> Void = { _ in }

    package init(accessPorts: [UInt8: any AccessPort]) {
        self.accessPorts = accessPorts
    }

    // MARK: JTAGTap

    package let irLength = 4
    package let irCapture: UInt64 = 0b0001

    package func resetInstruction() { instruction = .idcode }

    package func updateInstruction(_ value: UInt64) {
        // ADIv5: an instruction the DP does not implement selects BYPASS.
        instruction = Instruction(rawValue: value & 0xF) ?? .bypass
    }

    package var drLength: Int {
        switch instruction {
        case .idcode: 32
        case .abort, .dpacc, .apacc: 35
        case .bypass, nil: 1
        }
    }

    package func captureData() -> UInt64 {
        switch instruction {
        case .idcode: UInt64(Self.idcode)
        case .dpacc, .apacc: UInt64(previousResult) << 3 | Self.acknowledgeOK
        case .abort, .bypass, nil: 0
        }
    }

    package func updateData(_ value: UInt64) {
        let read = value & 1 != 0
        let address = UInt32(value >> 1 & 0x3) << 2
        let data = UInt32(truncatingIfNeeded: value >> 3)
        switch instruction {
        case .dpacc: previousResult = read ? readDP(address) : writeDP(address, data)
        case .apacc: previousResult = read ? readAP(address) : writeAP(address, data)
        case .abort:
            // DAPABORT (bit 0) ends a stalled transfer; none ever stalls here, so it only logs.
            if data & 1 != 0 { log("DAPABORT") }
        case .idcode, .bypass, nil: break
        }
    }

    // MARK: DP registers

    private func readDP(_ address: UInt32) -> UInt32 {
        switch DebugPortRegister(rawValue: address) {
        case .identification: return Self.dpidr
        case .controlStatus:
            guard SelectField.dpBank.value(in: select) == 0 else { return 0 }
            return controlStatusValue
        case .select: return select
        // JTAG-DP: RDBUFF reads as zero; the posted AP result came in this scan's capture.
        case .readBuffer, nil: return 0
        }
    }

    /// Power-up and reset requests are acknowledged at once.
    private var controlStatusValue: UInt32 {
        typealias F = ControlStatusField
        var value = controlStatus
        value = F.debugPowerUpAck.inserting(F.debugPowerUpRequest.value(in: value), into: value)
        value = F.systemPowerUpAck.inserting(F.systemPowerUpRequest.value(in: value), into: value)
        value = F.debugResetAck.inserting(F.debugResetRequest.value(in: value), into: value)
        return value
    }

    private func writeDP(_ address: UInt32, _ data: UInt32) -> UInt32 {
        switch DebugPortRegister(rawValue: address) {
        case .controlStatus:
            if SelectField.dpBank.value(in: select) == 0 {
                controlStatus = ControlStatusField.spec.applyingWrite(data, to: controlStatus)
            }
        case .select: select = data
        case .identification, .readBuffer, nil: break
        }
        return 0
    }

    /// Whether a sticky error blocks AP transactions (ADIv5: they are discarded until cleared).
    private var sticky: Bool {
        controlStatus & (ControlStatusField.stickyError.mask | ControlStatusField.stickyOverrun.mask) != 0
    }

    private var selectedPort: (any AccessPort)? {
        accessPorts[UInt8(SelectField.apSelect.value(in: select))]
    }

    private func apAddress(_ address: UInt32) -> UInt32 { SelectField.apBank.value(in: select) << 4 | address }

    private func readAP(_ address: UInt32) -> UInt32 {
        guard !sticky, let port = selectedPort else { return 0 }
        switch port.read(apAddress(address)) {
        case .success(let value): return value
        case .failure:
            raiseStickyError()
            return 0
        }
    }

    private func writeAP(_ address: UInt32, _ data: UInt32) -> UInt32 {
        guard !sticky, let port = selectedPort else { return 0 }
        if case .failure = port.write(apAddress(address), data) { raiseStickyError() }
        return 0
    }

    private func raiseStickyError() { controlStatus |= ControlStatusField.stickyError.mask }

    /// The whole DP back to reset, as a power-on or TRST with the debug domain: used by tests.
    package func powerOnReset() {
        controlStatus = 0
        select = 0
        previousResult = 0
        instruction = .idcode
    }
}

/// An access port behind the DP: its registers by address (APBANKSEL << 4 | A[3:2] << 2).
/// A failure is a faulting memory access, which the DP reports as STICKYERR.
package protocol AccessPort: AnyObject {
    func read(_ address: UInt32) -> Result<UInt32, BusFault>
    func write(_ address: UInt32, _ value: UInt32) -> Result<Void, BusFault>
}
