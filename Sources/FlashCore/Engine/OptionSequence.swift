/// The option-byte register sequence of reference §5 on any bus: the model's (the engine's
/// `setOptions` and `launchOptions`) or a live chip's behind a debugger (attach `--live ob`),
/// so both run the same steps. A failed step is recorded in `failures` with why.
package struct OptionSequence {
    private let bus: Bus
    /// Busy polls before giving up: the model's 64, or more on a live chip (each poll a round trip).
    private let pollLimit: Int
    package private(set) var failures: [String] = []

    package init(bus: Bus, pollLimit: Int = InternalFlashAlgorithm.modelPollLimit) {
        self.bus = bus
        self.pollLimit = pollLimit
    }

    private var nscr: UInt32 { FlashRegisters.base + FlashRegisters.Offset.nscr }
    private var nssr: UInt32 { FlashRegisters.base + FlashRegisters.Offset.nssr }

    /// Writes every option register with `target` and sets OPTSTRT (they become pending); with
    /// `launch`, OBL_LAUNCH follows and they take effect under a system reset.
    package mutating func program(_ target: OptionBytes, launch: Bool) {
        guard unlock() else { return }
        for register in OptionRegister.allCases {
            guard write(FlashRegisters.base + register.offset, target[register], "writing \(register.name)") else {
                return
            }
        }
        waitWhileBusy()
        bus.write(nssr, StatusFlag.errorMask | StatusFlag.eop.mask)
        guard write(nscr, FlashRegisters.Control.optstrt, "setting OPTSTRT") else { return }
        waitWhileBusy()
        let status = bus.read(nssr) ?? StatusFlag.errorMask
        if status & StatusFlag.errorMask != 0 || !launch {
            bus.write(nscr, FlashRegisters.Control.lock)
            return
        }
        // A system reset: the sequence ends with this write, as the HAL's "should not return" says.
        _ = write(nscr, FlashRegisters.Control.oblLaunch, "setting OBL_LAUNCH")
    }

    /// OBL_LAUNCH alone: the pending option bytes take effect.
    package mutating func launch() {
        guard unlock() else { return }
        _ = write(nscr, FlashRegisters.Control.oblLaunch, "setting OBL_LAUNCH")
    }

    /// NSKEYR, then OPTKEYR, each only while its lock is set: a key written to an unlocked
    /// register is a wrong sequence (reference §8), so the HAL and OpenOCD read LOCK first.
    private mutating func unlock() -> Bool {
        let base = FlashRegisters.base
        guard var control = read(nscr, "reading NSCR") else { return false }
        if control & FlashRegisters.Control.lock != 0 {
            guard write(base + FlashRegisters.Offset.nskeyr, FlashRegisters.Keys.flash.0, "unlocking NSCR"),
                write(base + FlashRegisters.Offset.nskeyr, FlashRegisters.Keys.flash.1, "unlocking NSCR"),
                let now = read(nscr, "reading NSCR")
            else { return false }
            control = now
        }
        let locks = FlashRegisters.Control.lock | FlashRegisters.Control.optlock
        if control & locks == FlashRegisters.Control.optlock {
            let optkeyr = base + FlashRegisters.Offset.optkeyr
            guard write(optkeyr, FlashRegisters.Keys.option.0, "unlocking the option bytes"),
                write(optkeyr, FlashRegisters.Keys.option.1, "unlocking the option bytes"),
                let now = read(nscr, "reading NSCR")
            else { return false }
            control = now
        }
        if control & locks != 0 {
            failures.append("option bytes stayed locked after the key sequences")
            return false
        }
        return true
    }

    private mutating func read(_ address: UInt32, _ step: String) -> UInt32? {
        guard let value = bus.read(address) else {
            failures.append("\(step) failed: \(bus.lastFault?.description ?? "bus error")")
            return nil
        }
        return value
    }

    private mutating func write(_ address: UInt32, _ value: UInt32, _ step: String) -> Bool {
        guard bus.write(address, value) else {
            failures.append("\(step) failed: \(bus.lastFault?.description ?? "bus error")")
            return false
        }
        return true
    }

    private func waitWhileBusy() {
        for _ in 0..<pollLimit {
            guard let status = bus.read(nssr), status & StatusFlag.bsy.mask != 0 else { return }
            bus.waitForEvent()
        }
    }
}
