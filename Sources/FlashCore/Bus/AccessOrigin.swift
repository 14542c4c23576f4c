/// Who makes a bus access. Readout protection (reference §8) answers by origin: at RDP level
/// 1 the user flash refuses a debugger and code running from SRAM, and at level 2 the debug
/// port answers nothing at all.
package enum AccessOrigin: String, Sendable, Equatable {
    /// A debug probe through the debug port; the engine's built-in algorithms and option-byte
    /// sequences count as one (they stand for a debugger or an SRAM loader).
    case debugger
    /// Code running from SRAM: the emulated vendor algorithms (loaded there, as every tool does).
    case sramCode = "sram-code"
    /// Code running from the user flash (an application).
    case flashCode = "flash-code"
    /// The simulator looking at its own state (`read`, the hex view, comparisons): no device refuses it.
    case host

    /// `a debugger`, `code running from SRAM`, ...
    package var phrase: String {
        switch self {
        case .debugger: "a debugger"
        case .sramCode: "code running from SRAM"
        case .flashCode: "code running from flash"
        case .host: "the simulator's own view"
        }
    }
}

/// Why a system reset happened.
package enum ResetCause: String, Sendable, Equatable {
    /// NSCR.OBL_LAUNCH: the option bytes reload under a system reset (reference §8).
    case optionByteLoad = "OBL_LAUNCH"
}

/// One system reset, as the reset line reports it.
package struct SystemReset: Equatable, Sendable {
    package var cause: ResetCause
    /// Virtual time of the reset, in nanoseconds.
    package var time: UInt64

    package init(cause: ResetCause, time: UInt64) {
        self.cause = cause
        self.time = time
    }
}

/// A bus access that faulted, kept for whoever must say why an access failed.
package struct RecordedFault: Equatable, Sendable, CustomStringConvertible {
    package var address: UInt32
    package var isWrite: Bool
    package var fault: BusFault

    package var description: String {
        let access = isWrite ? "writing" : "reading"
        switch fault {
        case .unmapped: return "bus error \(access) \(hex(address)): nothing answers there"
        case .refused(let why): return "bus error \(access) \(hex(address)): \(why)"
        }
    }
}
