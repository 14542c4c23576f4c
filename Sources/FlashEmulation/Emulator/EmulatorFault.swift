import FlashCore

/// A call into the algorithm that did not return normally.
package struct EmulatorFault: Error, Equatable, Sendable, CustomStringConvertible {
    package enum Kind: Equatable, Sendable {
        /// The core accessed an address nothing answers at (not RAM, not a device the model knows).
        case unknownAddress(access: String)
        /// A device the model knows refused the access (the chip would take a bus fault).
        case busFault(String)
        /// The core took an exception (hard fault, undefined instruction, BKPT elsewhere, ...).
        case exception(UInt32)
        /// The call ran out of its instruction budget (a busy-wait that never ends, a loop).
        case budgetExhausted(UInt64)
        /// The operation (Init to UnInit) ran out of its instruction budget across its calls:
        /// `base` plus `perByte` for each of the `bytes` handed to ProgramPage so far.
        case operationBudgetExhausted(base: UInt64, perByte: UInt64, bytes: UInt64)
        /// Unicorn stopped with an error of its own.
        case emulator(String)
        /// The algorithm's own write reset the chip (OBL_LAUNCH is a system reset): the core
        /// stopped at that write and the call never returned. Not a fault of the emulation.
        case systemReset(ResetCause)
    }

    package var kind: Kind
    /// The instruction that was executing.
    package var pc: UInt32
    /// The address accessed, where there is one.
    package var address: UInt32?
    /// Instructions executed in the call.
    package var instructions: UInt64

    package var description: String {
        let at = "PC \(hex(pc)) after \(instructions) instructions"
        switch kind {
        case .unknownAddress(let access):
            return "\(access) of \(address.map(hex) ?? "?"), which the model does not know, at \(at)"
        case .busFault(let why):
            return "bus fault on \(address.map(hex) ?? "?"): \(why), at \(at)"
        case .exception(let number):
            return "exception \(number) (\(Self.exceptionName(number))) at \(at)"
        case .budgetExhausted(let budget):
            return "no return within \(budget) instructions (a busy-wait that never ends?), at \(at)"
        case .operationBudgetExhausted(let base, let perByte, let bytes):
            return
                "the operation ran out of its instruction budget (\(base) instructions plus \(perByte) for each of the \(bytes) bytes programmed, over all its calls), at \(at)"
        case .emulator(let why):
            return "emulator error: \(why), at \(at)"
        case .systemReset(let cause):
            return "the write to \(address.map(hex) ?? "?") set \(cause.rawValue), which resets the chip: "
                + "the core stopped there and the call never returned, at \(at)"
        }
    }

    /// QEMU's exception numbers as Unicorn reports them.
    static func exceptionName(_ number: UInt32) -> String {
        switch number {
        case 1: "undefined instruction"
        case 2: "SVC"
        case 3: "prefetch abort"
        case 4: "data abort"
        case 7: "BKPT"
        case 8: "exception exit"
        case 18: "v7-M invalid state"
        default: "CPU exception"
        }
    }
}
