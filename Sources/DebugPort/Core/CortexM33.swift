import FlashCore

/// The Cortex-M33's run control as a debugger sees it: halted, running or held in reset;
/// the registers DCRSR/DCRDR reach while halted; halting, stepping and resuming through
/// DHCSR; vector catch on reset through DEMCR; why it halted in DFSR. Code runs only through
/// an executor; without one a resumed core sleeps (S_SLEEP) until it is halted again.
package final class CortexM33 {
    package enum RunState: Sendable, Equatable {
        case halted
        case running
        /// Running, but waiting for an interrupt that never comes (or for an executor).
        case sleeping
        /// SRST is asserted.
        case heldInReset
    }

    package private(set) var registers = CoreRegisters()
    package private(set) var runState: RunState = .running
    /// C_DEBUGEN, C_HALT, C_STEP, C_MASKINTS as last written with the key.
    private var haltControl: UInt32 = 0
    private var retiredSinceRead = false
    private var resetSinceRead = false
    private var registerReady = true
    private(set) var haltReason: UInt32 = 0
    private(set) var exceptionMonitor: UInt32 = 0
    var registerData: UInt32 = 0
    var vectorTableOffset: UInt32 = 0
    var coprocessorAccess: UInt32 = 0
    /// The last fault that halted the core, for the log.
    package private(set) var lastFault: String?
    /// Resets since the serve started (SRST, SYSRESETREQ, OBL_LAUNCH).
    package private(set) var resetCount = 0
    /// The reset could not fetch the vector table (a bus error: the flash under RDP level 1 with a
    /// debugger connected): the core is in lockup, executing nothing, until a debugger halts it or a reset.
    package private(set) var lockedUp = false
    /// Where a locked-up core's PC points (Armv8-M `Lockup()`; Armv7-M used 0xFFFFFFFE).
    package static let lockupAddress: UInt32 = 0xEFFF_FFFE

    package let executor: (any CoreExecutor)?
    /// Where the core fetches its vector table after a reset (the boot address).
    private let bootAddress: () -> UInt32
    /// A word of memory, for the vector table (nil on a bus fault).
    private let readWord: (UInt32) -> UInt32?
    /// Enabled FPB comparators, kept by the breakpoint unit.
    package var breakpoints: Set<UInt32> = []
    /// Enabled DWT data comparators, kept by the watchpoint unit; they trigger while DEMCR.TRCENA is set.
    package var watchpoints: [DataWatch] = []
    /// Comparators whose FUNCTION.MATCHED reads 1 (until FUNCTION is read).
    package internal(set) var watchMatches: Set<Int> = []
    /// The access that halted the last run, if a watchpoint did (for gdb's stop reply).
    package private(set) var watchHit: DataWatchHit?
    /// Whether MSP and PSP are the secure pair (`stack-pointer-bank`); the other pair is registers of its own.
    package var stackPointersAreSecure: () -> Bool = { false }
    /// Called for log lines (a fault, a reset).
    package var log: (String) -> Void = { _ in }

    package init(
        executor: (any CoreExecutor)?, bootAddress: @escaping () -> UInt32, readWord: @escaping (UInt32) -> UInt32?
    ) {
        self.executor = executor
        self.bootAddress = bootAddress
        self.readWord = readWord
        loadResetState()
    }

    private typealias H = HaltControlField

    package var isHalted: Bool { runState == .halted }
    var debugEnabled: Bool { H.debugEnable.value(in: haltControl) != 0 }

    // MARK: DHCSR

    /// DHCSR as read: S_RETIRE_ST and S_RESET_ST clear on the read.
    func readHaltControl(secureDebug: Bool) -> UInt32 {
        var value = peekHaltControl(secureDebug: secureDebug)
        if retiredSinceRead { value |= H.retired.mask }
        if resetSinceRead { value |= H.resetSinceRead.mask }
        retiredSinceRead = false
        resetSinceRead = false
        return value
    }

    /// The value without the read's side effects (the register panel, the trace).
    func peekHaltControl(secureDebug: Bool) -> UInt32 {
        var value = haltControl
        if registerReady { value |= H.registerReady.mask }
        if runState == .halted { value |= H.halted.mask }
        if runState == .sleeping { value |= H.sleeping.mask }
        if secureDebug { value |= H.secureDebugEnabled.mask }
        if lockedUp { value |= H.lockedUp.mask }
        return value
    }

    func writeHaltControl(_ value: UInt32) {
        guard H.key.value(in: value) == H.keyValue else { return }
        haltControl = value & H.writable
        guard debugEnabled else {
            // Without C_DEBUGEN the core cannot stay halted.
            if runState == .halted { runState = .running }
            return
        }
        if H.halt.value(in: value) != 0 {
            if runState == .running || runState == .sleeping { enterHalt(HaltReasonField.haltRequest) }
        } else if runState == .halted {
            if H.step.value(in: value) != 0 { stepOnce() } else { resumeRunning() }
        }
    }

    private func enterHalt(_ reason: FieldSpec) {
        // Entering Debug state leaves lockup; the PC stays at the lockup address until the debugger sets it.
        lockedUp = false
        runState = .halted
        haltReason |= reason.mask
    }

    private func resumeRunning() {
        runState = executor == nil ? .sleeping : .running
    }

    private func stepOnce() {
        guard executor != nil else {
            log("single step needs the emulated core (apt install libunicorn2)")
            enterHalt(HaltReasonField.haltRequest)
            return
        }
        execute(CoreRunLimit(instructions: 1, singleStep: true, watchpoints: activeWatchpoints), stepping: true)
    }

    /// Runs a running core for a slice of `instructions`; called by the server between client batches.
    package func advance(instructions: UInt64) {
        guard runState == .running, executor != nil, !lockedUp else { return }
        execute(
            CoreRunLimit(instructions: instructions, breakpoints: breakpoints, watchpoints: activeWatchpoints),
            stepping: false)
    }

    /// The DWT's comparators count only while DEMCR.TRCENA enables it (Armv8-M).
    private var activeWatchpoints: [DataWatch] {
        ExceptionMonitorField.traceEnable.value(in: exceptionMonitor) != 0 ? watchpoints : []
    }

    /// Whether the executor is running code now (a reset from inside the run must stop it).
    private var executing = false

    private func execute(_ limit: CoreRunLimit, stepping: Bool) {
        guard let executor else { return }
        // The run works on a copy: a reset during it (SYSRESETREQ by the code) reloads `registers` itself.
        var working = registers
        let resets = resetCount
        watchHit = nil
        executing = true
        let stop = executor.run(&working, limit: limit)
        executing = false
        guard resetCount == resets else { return }
        registers = working
        retiredSinceRead = true
        halt(after: stop, stepping: stepping)
    }

    private func halt(after stop: CoreStop, stepping: Bool) {
        switch stop {
        case .sliceUsed: if stepping { enterHalt(HaltReasonField.haltRequest) }
        case .stepped: enterHalt(HaltReasonField.haltRequest)
        case .breakpointInstruction, .breakpoint:
            if debugEnabled { enterHalt(HaltReasonField.breakpoint) } else { fault("BKPT without a debugger") }
        case .watchpoint(let hit):
            watchMatches.insert(hit.watch.comparator)
            watchHit = hit
            // Without C_DEBUGEN the debug event is lost (no DebugMonitor is modelled); the core runs on.
            if debugEnabled {
                enterHalt(HaltReasonField.watchpoint)
            } else if stepping {
                enterHalt(HaltReasonField.haltRequest)
            }
        case .fault(let why): fault(why)
        case .sleeping: runState = stepping ? .halted : .sleeping
        case .systemReset: break  // the target follows the reset (DebugTarget.followSystemResets)
        }
    }

    /// A fault the model cannot vector halts the core (it would lock up on silicon without a handler).
    private func fault(_ why: String) {
        lastFault = why
        log("core fault: \(why)")
        runState = .halted
        haltReason |= HaltReasonField.haltRequest.mask
    }

    // MARK: DCRSR / DCRDR

    func writeRegisterSelect(_ value: UInt32) {
        guard runState == .halted else { return }  // Armv8-M: UNPREDICTABLE unless halted; ignored here.
        let selected = RegisterSelectField.selector.value(in: value)
        guard CoreRegisters.exists(selected) else { return }
        let selector = CoreRegisters.aliased(selected, secureStack: stackPointersAreSecure())
        if RegisterSelectField.write.value(in: value) != 0 {
            registers[selector] = registerData
        } else {
            registerData = registers[selector]
        }
    }

    // MARK: DEMCR, DFSR

    func writeExceptionMonitor(_ value: UInt32) {
        exceptionMonitor = ExceptionMonitorField.spec.applyingWrite(value, to: exceptionMonitor)
    }

    func writeHaltReason(_ value: UInt32) {
        haltReason = HaltReasonField.spec.applyingWrite(value, to: haltReason)
    }

    // MARK: Reset

    /// SRST asserted: the core stops where it is until released.
    package func holdInReset() { runState = .heldInReset }

    /// A system reset (SRST released, SYSRESETREQ, OBL_LAUNCH): the vector table at the boot
    /// address gives MSP and PC; with VC_CORERESET and C_DEBUGEN the core halts before the first instruction.
    package func reset() {
        if executing { executor?.requestStop() }
        resetCount += 1
        resetSinceRead = true
        // C_HALT, C_STEP and C_MASKINTS clear; C_DEBUGEN is kept (the debug domain has its own reset).
        haltControl &= H.debugEnable.mask
        loadResetState()
        // A reset that locked up never reached the first instruction, so the reset vector catch does not fire.
        if !lockedUp, debugEnabled, ExceptionMonitorField.catchCoreReset.value(in: exceptionMonitor) != 0 {
            enterHalt(HaltReasonField.vectorCatch)
        } else {
            resumeRunning()
        }
    }

    private func loadResetState() {
        let base = bootAddress()
        vectorTableOffset = base
        let stack = readWord(base)
        let entry = readWord(base &+ 4)
        guard let stack, let entry else {
            lockedUp = true
            registers = .afterReset(initialStack: stack ?? 0, resetVector: Self.lockupAddress)
            log(
                "reset: the vector table at \(hex(base)) cannot be read (a bus error): the core locks up at \(hex(Self.lockupAddress))"
            )
            return
        }
        lockedUp = false
        registers = .afterReset(initialStack: stack, resetVector: entry)
    }
}
