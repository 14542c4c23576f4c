import Testing
@testable import FlashCore

/// Reference §8: writing the key sequence to a register that is already unlocked is a wrong
/// sequence (a bus error, locked until reset); the built-in algorithms and the engine's option
/// sequence read LOCK and OPTLOCK first, as OpenOCD's stm32l4_unlock_reg and the HAL do.
@Suite struct UnlockRuleTests {
    @Test func unlockingNSCRTwiceIsAWrongSequenceUntilReset() {
        let chip = TestChip()
        chip.unlock()
        #expect(chip.nscr & ControlField.lock.mask == 0)
        #expect(chip.write(TestChip.nskeyr, 0x4567_0123) == false, "a key to an unlocked NSCR is a bus error")
        #expect(chip.nscr & ControlField.lock.mask != 0, "and NSCR is locked again")
        #expect(chip.nscr & ControlField.optlock.mask != 0)
        chip.unlock()
        #expect(chip.nscr & ControlField.lock.mask != 0, "locked until reset: the sequence no longer works")
        #expect(
            chip.machine.controller.events.contains(.keySequenceRejected(register: "NSKEYR", whileUnlocked: true)))
        chip.machine.controller.reset()
        chip.unlock()
        #expect(chip.nscr & ControlField.lock.mask == 0, "after a reset the sequence works again")
    }

    @Test func theFaultSaysWhy() {
        let chip = TestChip()
        chip.unlock()
        chip.write(TestChip.nskeyr, 0x4567_0123)
        guard case .refused(let why)? = chip.bus.lastFault?.fault else {
            Issue.record("expected a refusal, got \(String(describing: chip.bus.lastFault))")
            return
        }
        #expect(why.contains("NSKEYR written while NSCR was already unlocked"))
        #expect(why.contains("locked until reset"))
    }

    @Test func unlockingSECCRTwiceIsAWrongSequenceToo() {
        let chip = TestChip()
        chip.write(TestChip.seckeyr, 0x4567_0123)
        chip.write(TestChip.seckeyr, 0xCDEF_89AB)
        #expect(chip.read(TestChip.seccr) == 0)
        #expect(chip.write(TestChip.seckeyr, 0x4567_0123) == false)
        #expect(chip.read(TestChip.seccr).map { $0 & ControlField.lock.mask } == ControlField.lock.mask)
        #expect(chip.nscr & ControlField.lock.mask != 0, "NSCR was never unlocked")
    }

    /// Under wrong-key=restart a wrong sequence relocks without a bus error, and a new sequence unlocks.
    @Test func underRestartUnlockingTwiceRelocksWithoutABusError() {
        var assumptions = ModelAssumptions()
        assumptions.wrongKey = .restart
        let chip = TestChip(assumptions: assumptions)
        chip.unlock()
        #expect(chip.write(TestChip.nskeyr, 0x4567_0123))
        #expect(chip.nscr & ControlField.lock.mask != 0)
        chip.unlock()
        #expect(chip.nscr & ControlField.lock.mask == 0)
    }

    /// Assumption option-key-when-unlocked, default wrong-sequence: OPTKEYR behaves like NSKEYR.
    @Test func optionKeysTwiceFollowTheAssumption() {
        let chip = TestChip()
        chip.unlockOptions()
        #expect(chip.nscr & ControlField.optlock.mask == 0)
        #expect(chip.write(TestChip.optkeyr, 0x0819_2A3B) == false)
        #expect(chip.nscr & ControlField.optlock.mask != 0)
        #expect(chip.nscr & ControlField.lock.mask == 0, "NSCR itself stays unlocked")
        chip.write(TestChip.optkeyr, 0x0819_2A3B)
        chip.write(TestChip.optkeyr, 0x4C5D_6E7F)
        #expect(chip.nscr & ControlField.optlock.mask != 0, "OPTLOCK stays set until reset")

        var assumptions = ModelAssumptions()
        assumptions.protection.optionKeyWhenUnlocked = .ignored
        let lenient = TestChip(assumptions: assumptions)
        lenient.unlockOptions()
        #expect(lenient.write(TestChip.optkeyr, 0x0819_2A3B))
        #expect(lenient.nscr & ControlField.optlock.mask == 0)
    }

    @Test func builtInAlgorithmsReadLOCKBeforeUnlocking() throws {
        let chip = TestChip()
        let engine = FlashEngine(machine: chip.machine)
        for geometry in InternalFlashAlgorithm.Geometry.allCases {
            // Left unlocked by someone else (an application, another tool); UnInit locks it again.
            #expect(chip.nscr & ControlField.lock.mask != 0)
            chip.unlock()
            let result = try engine.erase(from: 0x0800_0800, using: engine.builtIn(geometry))
            #expect(result.succeeded, "\(geometry): \(result.failedCalls)")
            #expect(
                !chip.machine.controller.events.contains { if case .keySequenceRejected = $0 { true } else { false } })
        }
    }

    @Test func theOptionSequenceReadsLOCKAndOPTLOCKFirst() throws {
        let chip = TestChip()
        chip.unlockOptions()
        let start = chip.machine.trace.count
        let result = try FlashEngine(machine: chip.machine).setOptions([("SWAP_BANK", 1)], launch: false)
        #expect(result.succeeded, "\(result.failedCalls)")
        #expect(chip.machine.controller.pending.swapBank)
        let keyWrites = chip.machine.trace.entries.filter {
            $0.seq > start && $0.access == .write && ($0.address == TestChip.nskeyr || $0.address == TestChip.optkeyr)
        }
        #expect(keyWrites.isEmpty, "no key is written to unlocked registers")
    }
}
