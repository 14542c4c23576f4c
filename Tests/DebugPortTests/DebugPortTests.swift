@testable import DebugPort
import FlashCore
import Testing

/// The JTAG chain, the JTAG-DP and the AHB access port, driven bit by bit as OpenOCD's
/// remote_bitbang driver drives them (debug-port.md §2-§4).
@Suite struct DebugPortTests {
    static func probe(_ state: DeviceState = DeviceState.factoryFresh(.stm32l562xE)) -> JTAGProbe {
        JTAGProbe(target: DebugTarget(machine: Machine(state: state), executor: nil, boundaryScanIDCODE: 0x0647_2041))
    }

    @Test func afterResetTheChainShowsBothIDCODEsTheDPFirst() {
        let probe = Self.probe()
        probe.resetTAPs()
        // Test-Logic-Reset selects IDCODE in both TAPs; the TAP next to TDO shifts out first.
        let ids = probe.scan(ir: false, 0, count: 64)
        #expect(UInt32(truncatingIfNeeded: ids) == 0x0BA0_4477, "the Cortex-M33 JTAG-DP id stm32x5x_common.cfg expects")
        #expect(UInt32(truncatingIfNeeded: ids >> 32) == 0x0647_2041)
    }

    @Test func irCaptureIsOneInBothTAPs() {
        let probe = Self.probe()
        probe.resetTAPs()
        let captured = probe.scan(ir: true, 0x1FF, count: 9)
        #expect(captured & 0xF == 0b0001, "the cfg checks -ircapture 0x1 -irmask 0xf")
        #expect(captured >> 4 & 0b11 == 0b01, "IEEE 1149.1: the two low bits of every IR capture are 01")
    }

    @Test func powerUpRequestsAreAcknowledged() {
        let probe = Self.probe()
        probe.resetTAPs()
        probe.powerUp()
        let status = probe.readDP(DebugPortRegister.controlStatus.rawValue)
        #expect(status & 0xF000_0000 == 0xF000_0000, "CDBGPWRUPACK and CSYSPWRUPACK follow their requests")
    }

    @Test func theAccessPortIdentifiesAsTheL5sAHB5AP() {
        let probe = Self.probe()
        probe.resetTAPs()
        probe.powerUp()
        #expect(probe.readAP(AccessPortRegister.identification.rawValue) == 0x8477_0001)
        #expect(probe.readAP(AccessPortRegister.base.rawValue) == 0xE00F_F003)
        // AP 1 does not exist: its IDR reads as zero, which ends OpenOCD's AP search.
        probe.writeDP(DebugPortRegister.select.rawValue, 0x0100_00F0)
        probe.instruction(.apacc)
        _ = probe.transfer(read: true, address: 0xC)
        probe.instruction(.dpacc)
        #expect(probe.transfer(read: true, address: 0xC).data == 0)
    }

    @Test func memoryWritesReachSRAMAndReadsSeeTheFlash() {
        let state = DeviceState.factoryFresh(.stm32l562xE)
        let probe = Self.probe(state)
        probe.resetTAPs()
        probe.powerUp()
        probe.writeMemory(0x2000_0100, 0xCAFE_F00D)
        #expect(probe.readMemory(0x2000_0100) == 0xCAFE_F00D)
        #expect(probe.readMemory(0x0800_0000) == 0xFFFF_FFFF, "erased flash reads as ones")
    }

    @Test func autoIncrementWrapsInsideItsKibibyte() {
        let probe = Self.probe()
        probe.resetTAPs()
        probe.powerUp()
        probe.writeMemory(0x2000_03FC, 1)  // TAR is now 0x20000000, not 0x20000400
        probe.writeAP(AccessPortRegister.dataReadWrite.rawValue, 2)
        #expect(probe.readMemory(0x2000_0000) == 2)
        #expect(probe.readMemory(0x2000_0400) == 0)
    }

    @Test func aFaultingAccessSetsStickyErrorAndBlocksTheAPUntilCleared() {
        let probe = Self.probe()
        probe.resetTAPs()
        probe.powerUp()
        _ = probe.readMemory(0x6000_0000)  // nothing is mapped there
        let status = probe.readDP(DebugPortRegister.controlStatus.rawValue)
        #expect(status & ControlStatusField.stickyError.mask != 0)
        #expect(probe.readMemory(0x2000_0000) == 0, "APACC is discarded while STICKYERR is set")
        probe.writeDP(DebugPortRegister.controlStatus.rawValue, 0x5000_0000 | ControlStatusField.stickyError.mask)
        probe.writeMemory(0x2000_0000, 7)
        #expect(probe.readMemory(0x2000_0000) == 7)
    }

    @Test func haltingTheCoreShowsTheResetVectorInThePC() {
        var state = DeviceState.factoryFresh(.stm32l562xE)
        // A vector table at 0x08000000: initial SP 0x20010000, reset handler 0x08000101.
        state.flash.replaceSubrange(0..<8, with: [0x00, 0x00, 0x01, 0x20, 0x01, 0x01, 0x00, 0x08])
        let probe = Self.probe(state)
        probe.resetTAPs()
        probe.powerUp()
        probe.writeMemory(0xE000_EDF0, 0xA05F_0003)  // C_DEBUGEN | C_HALT
        #expect(probe.readMemory(0xE000_EDF0) & 1 << 17 != 0, "S_HALT")
        probe.writeMemory(0xE000_EDF4, 15)  // REGSEL 15: DebugReturnAddress
        #expect(probe.readMemory(0xE000_EDF8) == 0x0800_0100)
        probe.writeMemory(0xE000_EDF4, 13)
        #expect(probe.readMemory(0xE000_EDF8) == 0x2001_0000)
        #expect(probe.readMemory(0xE000_ED00) == 0x410F_D213, "CPUID")
    }

    /// stm32l5-flash.md §8: at RDP level 1 the user flash is a bus error in debug mode, so a reset
    /// cannot fetch the vector table at 0x08000000: the core locks up (DHCSR.S_LOCKUP, PC at the
    /// Armv8-M lockup address) instead of starting from zeros; halting it leaves lockup.
    @Test func aResetUnderReadoutProtectionLocksTheCoreUp() {
        var state = DeviceState.factoryFresh(.stm32l562xE)
        state.flash.replaceSubrange(0..<8, with: [0x00, 0x00, 0x01, 0x20, 0x01, 0x01, 0x00, 0x08])
        state.effective[.rdp] = 0xBB
        state.pending = state.effective
        let probe = Self.probe(state)
        probe.resetTAPs()
        probe.powerUp()
        let status = probe.readMemory(0xE000_EDF0)
        #expect(status & 1 << 19 != 0, "S_LOCKUP")
        #expect(status & 1 << 17 == 0, "not halted: locked up")
        probe.writeMemory(0xE000_EDF0, 0xA05F_0003)  // C_DEBUGEN | C_HALT
        let halted = probe.readMemory(0xE000_EDF0)
        #expect(halted & 1 << 17 != 0 && halted & 1 << 19 == 0, "halted, out of lockup")
        probe.writeMemory(0xE000_EDF4, 15)
        #expect(probe.readMemory(0xE000_EDF8) == 0xEFFF_FFFE)
    }

    @Test func malformedWireBytesEndTheClientWithTheirOffset() {
        let probe = Self.probe()
        var wire = RemoteBitbang()
        var replies: [UInt8] = []
        let outcome = wire.consume(Array("01R9".utf8), pins: probe.target, replies: &replies)
        #expect(outcome == .malformed(byte: UInt8(ascii: "9"), offset: 3))
        #expect(replies.count == 1)
    }
}
