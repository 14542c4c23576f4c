import DebugPort
import FlashCore
import Testing

/// `stack-pointer-bank`: which of the Security Extension's banked stack pointers (DCRSR 0x18
/// MSP_NS, 0x19 PSP_NS, 0x1A MSP_S, 0x1B PSP_S; debug-port.md §5) MSP (17) and PSP (18) are,
/// with TZEN=0 and TZEN=1. The aliased pair reads and writes MSP/PSP; the other pair is
/// registers of its own.
struct StackPointerBankTests {
    static let haltControl: UInt32 = 0xE000_EDF0
    static let registerSelect: UInt32 = 0xE000_EDF4
    static let registerData: UInt32 = 0xE000_EDF8

    static func target(_ bank: DebugAssumptions.StackPointerBank, trustZone: Bool) -> DebugTarget {
        var state = DeviceState.factoryFresh(.stm32l562xE)
        state.assumptions.debug.stackPointerBank = bank
        state.effective[OptionField.tzen] = trustZone ? 1 : 0
        state.pending = state.effective
        let target = DebugTarget(machine: Machine(state: state), executor: nil, boundaryScanIDCODE: nil)
        _ = target.machine.bus.write(haltControl, 0xA05F_0003)
        return target
    }

    static func write(_ target: DebugTarget, _ selector: UInt32, _ value: UInt32) {
        _ = target.machine.bus.write(registerData, value)
        _ = target.machine.bus.write(registerSelect, selector | 1 << 16)
    }

    static func read(_ target: DebugTarget, _ selector: UInt32) -> UInt32 {
        _ = target.machine.bus.write(registerSelect, selector)
        return target.machine.bus.read(registerData) ?? 0xDEAD_BEEF
    }

    @Test(arguments: [
        (DebugAssumptions.StackPointerBank.runningState, false, false),
        (.runningState, true, true),
        (.secure, false, true),
        (.secure, true, true),
        (.nonSecure, false, false),
        (.nonSecure, true, false),
    ])
    func mspAndPspAreThePairTheAssumptionNames(
        bank: DebugAssumptions.StackPointerBank, trustZone: Bool, secure: Bool
    ) {
        let target = Self.target(bank, trustZone: trustZone)
        let (aliased, other): (UInt32, UInt32) = secure ? (0x1A, 0x18) : (0x18, 0x1A)
        Self.write(target, 17, 0x2000_1000)
        Self.write(target, 18, 0x2000_0800)
        #expect(Self.read(target, aliased) == 0x2000_1000, "MSP")
        #expect(Self.read(target, aliased + 1) == 0x2000_0800, "PSP")
        // The other pair is separate: writing it leaves MSP and PSP alone.
        Self.write(target, other, 0x2002_0000)
        Self.write(target, other + 1, 0x2002_1000)
        #expect(Self.read(target, 17) == 0x2000_1000)
        #expect(Self.read(target, 18) == 0x2000_0800)
        #expect(Self.read(target, other) == 0x2002_0000)
        // Writing the aliased pair is writing MSP.
        Self.write(target, aliased, 0x2000_3000)
        #expect(Self.read(target, 17) == 0x2000_3000)
        #expect(Self.read(target, 13) == 0x2000_3000, "SP is MSP in Thread mode with SPSEL=0")
    }

    @Test func theAssumptionIsListedWithItsChoicesAndParsed() throws {
        let spec = try #require(ModelAssumptions.spec(named: "stack-pointer-bank"))
        #expect(spec.choices == ["running-state", "secure", "non-secure"])
        #expect(spec.defaultChoice == "running-state")
        var assumptions = ModelAssumptions()
        try assumptions.apply("stack-pointer-bank=secure")
        #expect(assumptions.debug.stackPointerBank == .secure)
        #expect(throws: AssumptionError.self) { try assumptions.apply("stack-pointer-bank=both") }
    }
}
