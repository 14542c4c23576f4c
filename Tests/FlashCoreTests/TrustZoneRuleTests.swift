import Testing
@testable import FlashCore

/// Reference §8: TZEN can be set only at RDP level 0 and cleared only together with a regression
/// to level 0 in the same option programming; otherwise OPTSTRT is refused (the flag is the
/// assumption forbidden-option-change, default OPTWERR).
@Suite struct TrustZoneRuleTests {
    /// Programs OPTR through the bus as firmware running from flash would, then OPTSTRT.
    private func program(_ chip: TestChip, rdp: UInt32, tzen: UInt32) {
        chip.bus.with(origin: .flashCode) {
            chip.unlockOptions()
            var optr = chip.read(TestChip.optr) ?? 0
            optr = OptionField.rdp.replacing(in: optr, with: rdp)
            optr = OptionField.tzen.replacing(in: optr, with: tzen)
            chip.write(TestChip.optr, optr)
            chip.write(TestChip.nscr, ControlField.optstrt.mask)
            chip.waitIdle()
        }
    }

    private func chip(rdp: UInt32, tzen: UInt32) -> TestChip {
        var options = OptionBytes.factory
        options[OptionField.rdp] = rdp
        options[OptionField.tzen] = tzen
        return TestChip(options: options)
    }

    struct Case: Sendable, CustomStringConvertible {
        var from: (rdp: UInt32, tzen: UInt32)
        var to: (rdp: UInt32, tzen: UInt32)
        var refusal: OptionRefusal?
        var description: String {
            "RDP 0x\(String(from.rdp, radix: 16)) TZEN \(from.tzen) → RDP 0x\(String(to.rdp, radix: 16)) TZEN \(to.tzen)"
        }
    }

    static let cases: [Case] = [
        Case(from: (0xAA, 0), to: (0xAA, 1), refusal: nil),
        Case(from: (0xAA, 0), to: (0x55, 1), refusal: nil),
        Case(from: (0xBB, 0), to: (0xBB, 1), refusal: .trustZoneNeedsLevelZero(.level1(code: 0xBB))),
        Case(from: (0xAA, 1), to: (0xAA, 0), refusal: .trustZoneNeedsRegression),
        Case(from: (0x55, 1), to: (0xAA, 0), refusal: nil),
        Case(from: (0xBB, 1), to: (0xAA, 0), refusal: nil),
        Case(from: (0xBB, 1), to: (0xBB, 0), refusal: .trustZoneNeedsRegression),
        Case(from: (0xBB, 1), to: (0xAA, 1), refusal: nil),
    ]

    @Test(arguments: cases)
    func tzenChangesFollowTheRules(_ test: Case) {
        let chip = chip(rdp: test.from.rdp, tzen: test.from.tzen)
        program(chip, rdp: test.to.rdp, tzen: test.to.tzen)
        let pending = chip.machine.controller.pending
        if let refusal = test.refusal {
            #expect(chip.has(.optwerr))
            #expect(chip.machine.controller.optionRefusal == refusal)
            #expect(pending == chip.machine.controller.effective, "nothing staged")
        } else {
            #expect(!chip.has(.optwerr))
            #expect(pending[OptionField.tzen] == test.to.tzen && pending[OptionField.rdp] == test.to.rdp)
        }
    }

    @Test func clearingTZENWithTheRegressionErasesAtTheReload() {
        var options = OptionBytes.factory
        options[OptionField.rdp] = 0x55
        options[OptionField.tzen] = 1
        var state = DeviceState(part: .stm32l562xE, effective: options)
        state.flash = [UInt8](repeating: 0x11, count: state.flash.count)
        let chip = TestChip(machine: Machine(state: state))
        program(chip, rdp: 0xAA, tzen: 0)
        _ = chip.bus.with(origin: .flashCode) { chip.write(TestChip.nscr, ControlField.oblLaunch.mask) }
        #expect(!chip.machine.controller.effective.trustZone)
        #expect(chip.machine.controller.effective.readoutLevel == .level0)
        #expect(chip.machine.controller.array.bytes.allSatisfy { $0 == 0xFF }, "0.5 → 0 mass-erases")
    }

    @Test func theEngineExplainsTheRefusal() throws {
        let engine = FlashEngine(machine: chip(rdp: 0xAA, tzen: 1).machine)
        let result = try engine.setOptions([("TZEN", 0)], launch: true)
        #expect(result.errors.map(\.flag) == ["OPTWERR"])
        #expect(
            result.errors.first?.explanation.contains("TZEN can be cleared only together with a regression") == true)
        #expect(result.reset == nil, "a refused programming launches nothing")
    }
}
