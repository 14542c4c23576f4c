import FlashCore

/// DHCSR's fields (Armv8-M, debug-port.md §5), declared once.
package enum HaltControlField {
    package static let debugEnable = FieldSpec("C_DEBUGEN", bit: 0)
    package static let halt = FieldSpec("C_HALT", bit: 1)
    package static let step = FieldSpec("C_STEP", bit: 2)
    package static let maskInterrupts = FieldSpec("C_MASKINTS", bit: 3)
    package static let snapStall = FieldSpec("C_SNAPSTALL", bit: 5, .unimplemented)
    package static let registerReady = FieldSpec("S_REGRDY", bit: 16, .readOnly)
    package static let halted = FieldSpec("S_HALT", bit: 17, .readOnly)
    package static let sleeping = FieldSpec("S_SLEEP", bit: 18, .readOnly)
    package static let lockedUp = FieldSpec("S_LOCKUP", bit: 19, .readOnly)
    package static let secureDebugEnabled = FieldSpec("S_SDE", bit: 20, .readOnly)
    package static let retired = FieldSpec("S_RETIRE_ST", bit: 24, .readOnly)
    package static let resetSinceRead = FieldSpec("S_RESET_ST", bit: 25, .readOnly)
    /// Writes take effect only with this key in 31:16.
    package static let key = FieldSpec("DBGKEY", bit: 16, width: 16)
    package static let keyValue: UInt32 = 0xA05F
    /// The control bits a keyed write sets.
    package static let writable = debugEnable.mask | halt.mask | step.mask | maskInterrupts.mask | snapStall.mask
}

/// DCRSR's fields.
package enum RegisterSelectField {
    package static let selector = FieldSpec("REGSEL", bit: 0, width: 7)
    package static let write = FieldSpec("REGWnR", bit: 16)
}

/// DEMCR's fields: vector catches and the trace enable.
package enum ExceptionMonitorField {
    package static let catchCoreReset = FieldSpec("VC_CORERESET", bit: 0)
    package static let catchMemoryManagement = FieldSpec("VC_MMERR", bit: 4, .unimplemented)
    package static let catchCoprocessor = FieldSpec("VC_NOCPERR", bit: 5, .unimplemented)
    package static let catchCheck = FieldSpec("VC_CHKERR", bit: 6, .unimplemented)
    package static let catchState = FieldSpec("VC_STATERR", bit: 7, .unimplemented)
    package static let catchBus = FieldSpec("VC_BUSERR", bit: 8, .unimplemented)
    package static let catchInterrupt = FieldSpec("VC_INTERR", bit: 9, .unimplemented)
    package static let catchHardFault = FieldSpec("VC_HARDERR", bit: 10)
    package static let catchSecureFault = FieldSpec("VC_SFERR", bit: 11, .unimplemented)
    package static let monitorEnable = FieldSpec("MON_EN", bit: 16, .unimplemented)
    /// Enables the DWT (Armv8-M): its comparators trigger only while it is set.
    package static let traceEnable = FieldSpec("TRCENA", bit: 24)

    package static let spec = RegisterSpec(
        "DEMCR", offset: SystemControlRegister.exceptionMonitor.rawValue,
        fields: [
            catchCoreReset, catchMemoryManagement, catchCoprocessor, catchCheck, catchState, catchBus, catchInterrupt,
            catchHardFault, catchSecureFault, monitorEnable, traceEnable,
        ])
}

/// DFSR's flags: why the core last halted (write 1 to clear).
package enum HaltReasonField {
    package static let haltRequest = FieldSpec("HALTED", bit: 0, .writeOneToClear)
    package static let breakpoint = FieldSpec("BKPT", bit: 1, .writeOneToClear)
    package static let watchpoint = FieldSpec("DWTTRAP", bit: 2, .writeOneToClear)
    package static let vectorCatch = FieldSpec("VCATCH", bit: 3, .writeOneToClear)
    package static let external = FieldSpec("EXTERNAL", bit: 4, .writeOneToClear)

    package static let spec = RegisterSpec(
        "DFSR", offset: SystemControlRegister.debugFaultStatus.rawValue,
        fields: [haltRequest, breakpoint, watchpoint, vectorCatch, external])
}

/// AIRCR's fields.
package enum ResetControlField {
    package static let clearActive = FieldSpec("VECTCLRACTIVE", bit: 1)
    package static let systemResetRequest = FieldSpec("SYSRESETREQ", bit: 2)
    package static let key = FieldSpec("VECTKEY", bit: 16, width: 16)
    package static let keyValue: UInt32 = 0x05FA
    /// What VECTKEYSTAT reads.
    package static let keyStatus: UInt32 = 0xFA05
}
