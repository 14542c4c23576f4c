/// What a debugger can reach, from the readout protection level (reference §8).
package enum DebugAccess: String, Sendable, Equatable {
    /// RDP level 0: everything.
    case full
    /// RDP level 0.5: the non-secure world only (secure access control is not modelled here).
    case nonSecureOnly = "non-secure only"
    /// RDP level 1: the debug port works, the user flash answers it with bus errors.
    case noUserFlash = "no user flash"
    /// RDP level 2: the debug port is disabled for good.
    case none
}

extension Machine {
    /// System resets since the machine was built (OBL_LAUNCH); a debugger connected later sees them.
    package var resetCount: Int { bus.resetCount }

    /// The last system reset, if any.
    package var lastReset: SystemReset? { bus.lastReset }

    /// What a debugger can reach now.
    package var debugAccess: DebugAccess {
        switch controller.effective.readoutLevel {
        case .level0: .full
        case .level05: .nonSecureOnly
        case .level1: .noUserFlash
        case .level2: .none
        }
    }

    /// A system reset: the flash controller has reset itself (OBL_LAUNCH); the other devices
    /// return to their reset values, the debug port follows the reloaded RDP level, and the
    /// reset line tells whoever drives the bus. The external NOR flash is a separate chip and keeps its state.
    func systemReset(_ cause: ResetCause) {
        ospi?.controller.reset()
        updateDebugPort()
        bus.signalReset(cause)
    }

    /// At RDP level 2 the debug port answers nothing.
    func updateDebugPort() {
        bus.debuggerRefusal =
            debugAccess == .none
            ? .refused("RDP level 2 (0xCC): the debug port is disabled for good") : nil
    }
}
