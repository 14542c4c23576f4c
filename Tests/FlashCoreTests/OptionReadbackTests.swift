import Testing
@testable import FlashCore

/// Reference §8: option registers read back what software wrote until OPTSTRT (the HAL's
/// read-modify-writes of OPTR depend on it), and the last loaded values after OPTSTRT until
/// the reload.
@Suite struct OptionReadbackTests {
    /// HAL_FLASHEx_OBProgram with OPTIONBYTE_RDP and OPTIONBYTE_USER: FLASH_OB_RDPConfig and
    /// FLASH_OB_UserConfig each MODIFY_REG(FLASH->OPTR, ...), then one OPTSTRT.
    @Test func theHALSequenceStagesBothChanges() throws {
        let chip = TestChip()
        chip.unlockOptions()
        let rdp = OptionField.rdp
        let bor = OptionField.borLevel
        let loaded = try #require(chip.read(TestChip.optr))
        chip.write(TestChip.optr, rdp.replacing(in: loaded, with: 0xBB))
        let afterRDP = try #require(chip.read(TestChip.optr))
        #expect(rdp.value(in: afterRDP) == 0xBB, "before OPTSTRT the written value reads back")
        chip.write(TestChip.optr, bor.replacing(in: afterRDP, with: 1))
        #expect(chip.read(TestChip.optr) == 0x7FEF_F9BB)
        chip.waitIdle()
        chip.write(TestChip.nscr, ControlField.optstrt.mask)
        chip.waitIdle()
        #expect(!chip.has(.optwerr))
        let pending = chip.machine.controller.pending
        #expect(pending[rdp] == 0xBB && pending[bor] == 1, "both read-modify-writes were staged")
        #expect(chip.read(TestChip.optr) == 0x7FEF_F8AA, "after OPTSTRT the last loaded value reads back")
        chip.write(TestChip.nscr, ControlField.oblLaunch.mask)
        #expect(chip.machine.controller.effective[.optr] == 0x7FEF_F9BB)
        #expect(chip.read(TestChip.optr) == 0x7FEF_F9BB, "after the reload the new values are the loaded ones")
    }

    @Test func theOldEffectiveReadbackLosesTheFirstChange() throws {
        var assumptions = ModelAssumptions()
        assumptions.optionReadback = .effective
        let chip = TestChip(assumptions: assumptions)
        chip.unlockOptions()
        let loaded = try #require(chip.read(TestChip.optr))
        chip.write(TestChip.optr, OptionField.rdp.replacing(in: loaded, with: 0xBB))
        let second = try #require(chip.read(TestChip.optr))
        chip.write(TestChip.optr, OptionField.borLevel.replacing(in: second, with: 1))
        chip.write(TestChip.nscr, ControlField.optstrt.mask)
        chip.waitIdle()
        #expect(chip.machine.controller.pending[OptionField.rdp] == 0xAA, "this reading of the manual drops RDP")
    }

    @Test func aDeviceWithPendingOptionsIsBetweenOPTSTRTAndTheReload() {
        var state = DeviceState.factoryFresh(.stm32l562xE)
        state.pending[OptionField.swapBank] = 1
        let chip = TestChip(machine: Machine(state: state))
        #expect(chip.read(TestChip.optr) == 0x7FEF_F8AA, "the loaded value, not the pending one")
    }
}
