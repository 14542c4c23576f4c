/// What runs the core's instructions between halts (the Unicorn host in FlashEmulation).
/// The debug port only decides when the core runs; the executor runs it on the same bus.
package protocol CoreExecutor: AnyObject {
    /// Runs from `registers` until `limit` says stop or the code does (BKPT, a fault).
    func run(_ registers: inout CoreRegisters, limit: CoreRunLimit) -> CoreStop
    /// Ends the run in progress as soon as possible (a reset from inside it); its registers are then discarded.
    func requestStop()
}

/// How far one run may go.
package struct CoreRunLimit: Sendable, Equatable {
    package var instructions: UInt64
    /// FPB comparators that are enabled: the core halts before executing one of these addresses.
    package var breakpoints: Set<UInt32>
    /// One instruction, then halt (C_STEP).
    package var singleStep: Bool
    /// DWT data comparators: the core halts after the instruction whose access one matches.
    package var watchpoints: [DataWatch]

    package init(
        instructions: UInt64, breakpoints: Set<UInt32> = [], singleStep: Bool = false, watchpoints: [DataWatch] = []
    ) {
        self.instructions = instructions
        self.breakpoints = breakpoints
        self.singleStep = singleStep
        self.watchpoints = watchpoints
    }
}

/// Why a run ended.
package enum CoreStop: Sendable, Equatable {
    /// The instruction budget of this slice is used up; the core is still running.
    case sliceUsed
    /// A BKPT instruction: the core halts with DFSR.BKPT, the PC on the BKPT.
    case breakpointInstruction
    /// An FPB breakpoint address was reached.
    case breakpoint
    /// C_STEP: one instruction retired.
    case stepped
    /// A DWT comparator matched a data access; the instruction making it has completed.
    case watchpoint(DataWatchHit)
    /// The core took a fault it cannot handle here; it halts and the message says why.
    case fault(String)
    /// The core waits for an interrupt (WFI/WFE), which never comes: it sleeps until halted.
    case sleeping
    /// The code's own write reset the chip (OBL_LAUNCH); the target follows the reset.
    case systemReset
}
