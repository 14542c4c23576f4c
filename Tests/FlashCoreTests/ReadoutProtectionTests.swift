import Testing
@testable import FlashCore

/// Reference §8: RDP levels 0 (0xAA), 0.5 (0x55, only with TZEN=1), 1 (anything else) and 2
/// (0xCC). At level 1 the user flash answers a debugger and code in SRAM with bus errors; the
/// regression to level 0 mass-erases it; level 2 freezes the option bytes and the debug port.
@Suite struct ReadoutProtectionTests {
    @Test(arguments: [
        (UInt32(0xAA), false, "level 0"), (0xAA, true, "level 0"), (0x55, true, "level 0.5"),
        (0x55, false, "level 1"), (0xBB, false, "level 1"), (0x00, true, "level 1"), (0xCC, false, "level 2"),
        (0xCC, true, "level 2"),
    ])
    func levelsDecode(rdp: UInt32, trustZone: Bool, name: String) {
        var options = OptionBytes.factory
        options[OptionField.rdp] = rdp
        options[OptionField.tzen] = trustZone ? 1 : 0
        #expect(options.readoutLevel.name == name)
        #expect(options.readoutLevel.code == rdp)
    }

    private func chip(rdp: UInt32, trustZone: Bool = false) -> TestChip {
        var options = OptionBytes.factory
        options[OptionField.rdp] = rdp
        options[OptionField.tzen] = trustZone ? 1 : 0
        var state = DeviceState(part: .stm32l562xE, effective: options)
        state.flash = [UInt8](repeating: 0x5A, count: state.flash.count)
        return TestChip(machine: Machine(state: state))
    }

    @Test func levelOneRefusesADebuggerAndSRAMCodeButNotFlashCode() {
        let chip = chip(rdp: 0xBB)
        #expect(chip.read(0x0800_0000) == nil, "a debugger read is a bus error")
        guard case .refused(let why)? = chip.bus.lastFault?.fault else {
            Issue.record("no refusal recorded")
            return
        }
        #expect(why.contains("RDP level 1 (0xBB)"))
        #expect(chip.bus.with(origin: .sramCode) { chip.bus.read(0x0800_0000) } == nil)
        #expect(chip.bus.with(origin: .flashCode) { chip.bus.read(0x0800_0000) } == 0x5A5A_5A5A)
        #expect(chip.bus.with(origin: .host) { chip.bus.read(0x0800_0000) } == 0x5A5A_5A5A)
        #expect(chip.read(0x0BFA_05E0) != nil, "the flash size register still answers")
        #expect(chip.machine.debugAccess == .noUserFlash)
    }

    @Test func levelOneRefusesErasesAndProgramsFromADebugger() {
        let chip = chip(rdp: 0xBB)
        chip.unlock()
        chip.write(TestChip.nscr, ControlField.pageErase(pnb: 0, bker: 0))
        #expect(chip.write(TestChip.nscr, ControlField.pageErase(pnb: 0, bker: 0) | ControlField.strt.mask) == false)
        chip.waitIdle()
        #expect(chip.machine.controller.array.bytes[0..<2048].allSatisfy { $0 == 0x5A }, "nothing erased")
        chip.write(TestChip.nscr, ControlField.pg.mask)
        #expect(chip.write(0x0800_0000, 0) == false, "programming is a bus error too")
        // Code running from the flash may erase its own flash.
        chip.write(TestChip.nscr, 0)
        chip.bus.with(origin: .flashCode) { chip.erasePage(pnb: 1) }
        #expect(chip.machine.controller.array.bytes[2048..<4096].allSatisfy { $0 == 0xFF })
    }

    @Test func levelOneAllowsOptionProgrammingAndTheRegressionMassErases() throws {
        let chip = chip(rdp: 0xBB)
        chip.unlockOptions()
        let optr = try #require(chip.read(TestChip.optr))
        chip.write(TestChip.optr, OptionField.rdp.replacing(in: optr, with: 0xAA))
        chip.write(TestChip.nscr, ControlField.optstrt.mask)
        chip.waitIdle()
        #expect(!chip.has(.optwerr))
        #expect(chip.machine.controller.array.bytes.allSatisfy { $0 == 0x5A }, "nothing erased before the reload")
        chip.write(TestChip.nscr, ControlField.oblLaunch.mask)
        #expect(chip.machine.controller.effective.readoutLevel == .level0)
        #expect(chip.machine.controller.array.bytes.allSatisfy { $0 == 0xFF }, "1 → 0 mass-erases the user flash")
        #expect(chip.machine.controller.events.contains(.readoutRegressed(from: .level1(code: 0xBB))))
        #expect(chip.read(0x0800_0000) == 0xFFFF_FFFF, "and a debugger reads it again")
    }

    @Test func theEngineResultSaysTheRegressionErasedTheFlash() throws {
        let engine = FlashEngine(machine: chip(rdp: 0x00).machine)
        let result = try engine.setOptions([("RDP", 0xAA)], launch: true)
        #expect(result.succeeded, "\(result.failedCalls)")
        let reset = try #require(result.reset)
        #expect(reset.effects.contains { $0.contains("mass-erased") && $0.contains("level 1 (0x0)") })
        #expect(result.erased.count == 256 && result.erased.allSatisfy { $0.command.contains("RDP regression") })
        #expect(result.collateralBytes == 512 * 1024, "every byte held data and is gone")
    }

    @Test func levelOneFailsTheBuiltInAlgorithmsWithTheReason() throws {
        let engine = FlashEngine(machine: chip(rdp: 0xBB).machine)
        let erase = try engine.erase(from: 0x0800_0000)
        #expect(!erase.succeeded)
        #expect(
            erase.failedCalls.first?.contains("EraseSector(0x08000000) faulted: bus error writing 0x40022028") == true)
        #expect(erase.failedCalls.first?.contains("RDP level 1") == true)
        #expect(engine.machine.controller.array.bytes.allSatisfy { $0 == 0x5A })
        #expect(try engine.read(from: 0x0800_0000, count: 4) == [0x5A, 0x5A, 0x5A, 0x5A], "the host view reads on")
    }

    /// Level 2: the debug port answers nothing, and option changes are refused (assumption
    /// forbidden-option-change, default OPTWERR), even from code running in the flash.
    @Test func levelTwoIsPermanent() throws {
        let chip = chip(rdp: 0xCC)
        #expect(chip.machine.debugAccess == .none)
        #expect(chip.read(TestChip.nscr) == nil, "the debug port is disabled: even registers fault")
        let firmware = TestChip(machine: chip.machine)
        chip.bus.with(origin: .flashCode) {
            firmware.unlockOptions()
            let optr = firmware.read(TestChip.optr) ?? 0
            firmware.write(TestChip.optr, OptionField.rdp.replacing(in: optr, with: 0xAA))
            firmware.write(TestChip.nscr, ControlField.optstrt.mask)
            firmware.waitIdle()
            #expect(firmware.has(.optwerr))
        }
        #expect(chip.machine.controller.pending.readoutLevel == .level2)
        #expect(chip.machine.controller.optionRefusal == .levelTwoIsPermanent)
        let result = try FlashEngine(machine: chip.machine).setOptions([("RDP", 0xAA)], launch: true)
        #expect(result.failedCalls.first?.contains("the debug port is disabled") == true)
    }

    @Test func underTheIgnoredAssumptionLevelTwoRefusesSilently() {
        var assumptions = ModelAssumptions()
        assumptions.protection.forbiddenOptionChange = .ignored
        var options = OptionBytes.factory
        options[OptionField.rdp] = 0xCC
        let chip = TestChip(assumptions: assumptions, options: options)
        chip.bus.with(origin: .flashCode) {
            chip.unlockOptions()
            chip.write(TestChip.optr, 0x7FEF_F8AA)
            chip.write(TestChip.nscr, ControlField.optstrt.mask)
            chip.waitIdle()
            #expect(!chip.has(.optwerr))
        }
        #expect(chip.machine.controller.pending.readoutLevel == .level2, "nothing staged, no flag")
    }

    @Test func stagingLevelTwoThenLaunchingDisablesTheDebugPort() throws {
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        let result = try engine.setOptions([("RDP", 0xCC)], launch: true)
        #expect(result.succeeded)
        #expect(engine.machine.debugAccess == .none)
        #expect(engine.machine.bus.read(0x0800_0000) == nil)
        #expect(try engine.erase(from: 0x0800_0000).failedCalls.first?.contains("RDP level 2") == true)
    }
}
