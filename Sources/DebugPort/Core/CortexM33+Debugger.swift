/// Run control and register access for a debugger that is not behind the access port (the
/// GDB server): each is the DHCSR or DCRSR write a probe would make, so the core behaves alike
/// whoever drives it.
extension CortexM33 {
    private typealias H = HaltControlField

    /// C_DEBUGEN and C_HALT: the core stops (a halt request in DFSR).
    package func debuggerHalt() {
        writeHaltControl(H.key.inserting(H.keyValue, into: 0) | H.debugEnable.mask | H.halt.mask)
    }

    /// C_DEBUGEN with C_HALT clear: a halted core runs (it sleeps without an executor); with
    /// `step`, it executes one instruction and halts again.
    package func debuggerResume(step: Bool) {
        guard isHalted else { return }
        let control = H.key.inserting(H.keyValue, into: 0) | H.debugEnable.mask
        writeHaltControl(control | (step ? H.step.mask | H.maskInterrupts.mask : 0))
    }

    /// Writes a register through DCRDR and DCRSR.REGWnR; false unless halted and the register exists.
    @discardableResult
    package func debuggerWrite(_ selector: UInt32, _ value: UInt32) -> Bool {
        guard isHalted, CoreRegisters.exists(selector) else { return false }
        registerData = value
        writeRegisterSelect(RegisterSelectField.write.mask | selector)
        return true
    }

    /// Why the core halted (DFSR), for the stop reply.
    package var debuggerHaltReason: UInt32 { haltReason }

    /// Clears DFSR's bits (write one to clear), as a debugger does after reading them.
    package func debuggerClearHaltReason() { writeHaltReason(haltReason) }
}
