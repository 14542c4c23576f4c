import FlashCore
import FlashEmulation
import Testing

/// The protection rules of reference §8 met by code running on the emulated core: the probe
/// algorithm (Algorithm/protection_probe.c) and the test algorithm, as vendor code would meet them.
@Suite(.enabled(if: Emulator.isAvailable, "needs libunicorn2"))
struct ProtectionProbeTests {
    private func probe() throws -> EmulatedFlashAlgorithm {
        try EmulatedFlashAlgorithm(try #require(try AlgorithmFile.load(Fixtures.protectionProbePath).first))
    }

    /// The probe's EraseChip is HAL_FLASHEx_OBProgram (RDP, then USER, each a read-modify-write
    /// of OPTR, one OPTSTRT) followed by HAL_FLASH_OB_Launch, which "should not return".
    @Test func theHALOptionSequenceOnTheCoreEndsInAReset() throws {
        let machine = Fixtures.machine()
        let engine = FlashEngine(machine: machine)
        let algorithm = try probe()
        let result = engine.eraseChip(using: algorithm)
        #expect(algorithm.lastCallEndedByReset)
        #expect(!result.succeeded, "a call that never returned is not a success")
        #expect(result.failedCalls.count == 1)
        let failure = try #require(result.failedCalls.first)
        #expect(failure.hasPrefix("EraseChip reset by OBL_LAUNCH: the write to 0x40022028 set OBL_LAUNCH"))
        #expect(result.reset?.cause == .optionByteLoad)
        #expect(machine.resetCount == 1)
        #expect(!machine.trace.entries.contains { $0.notes.contains(.call("UnInit")) }, "nothing runs after the reset")
        // What OPTR read back at each step, as the probe recorded it in RAM.
        let words = try #require(algorithm.emulator.readMemory(algorithm.emulator.staticBase, count: 16))
        let readback = (0..<4).map { index in
            (0..<4).reduce(UInt32(0)) { $0 | UInt32(words[index * 4 + $1]) << (8 * $1) }
        }
        #expect(readback[0] == 0x7FEF_F8BB, "after the RDP write: the written value")
        #expect(readback[1] == 0x7FEF_F9BB, "after the USER write: both changes")
        #expect(readback[2] == 0x7FEF_F8AA, "after OPTSTRT: the last loaded value")
        #expect(readback[3] & StatusFlag.errorMask == 0)
        #expect(machine.controller.effective[.optr] == 0x7FEF_F9BB, "the reload loaded both")
        #expect(machine.debugAccess == .noUserFlash)
    }

    /// The probe's Init writes the keys without reading LOCK: with NSCR already unlocked that is
    /// a wrong sequence, a bus fault on NSKEYR, and NSCR stays locked until reset.
    @Test func unlockingTwiceFaultsOnNSKEYR() throws {
        let machine = Fixtures.machine()
        machine.bus.write(0x4002_2008, 0x4567_0123)
        machine.bus.write(0x4002_2008, 0xCDEF_89AB)
        let result = try FlashEngine(machine: machine).erase(from: 0x0800_0800, using: try probe())
        let failure = try #require(result.failedCalls.first)
        #expect(failure.hasPrefix("Init(erase) faulted: bus fault on 0x40022008"))
        #expect(
            machine.controller.events.contains(.keySequenceRejected(register: "NSKEYR", whileUnlocked: true)))
        #expect(result.erased.isEmpty)
    }

    @Test func onAFreshDeviceTheProbeUnlocksOnce() throws {
        let result = try FlashEngine(machine: Fixtures.machine()).erase(from: 0x0800_0800, using: try probe())
        #expect(result.succeeded, "\(result.failedCalls)")
        #expect(result.erased.map(\.pageAddress) == [0x0800_0800])
    }

    /// At RDP level 1 code in SRAM (every loaded algorithm) gets bus errors from the user flash.
    @Test func atLevelOneTheTestAlgorithmFaultsOnTheEraseStart() throws {
        var state = Fixtures.machine().state
        state.effective[OptionField.rdp] = 0xBB
        state.pending = state.effective
        state.flash = [UInt8](repeating: 0x33, count: state.flash.count)
        let machine = Machine(state: state)
        let vendor = try #require(try AlgorithmFile.load(Fixtures.testAlgorithmPath).first)
        let result = try FlashEngine(machine: machine).erase(from: 0x0800_0800, using: EmulatedFlashAlgorithm(vendor))
        let failure = try #require(result.failedCalls.first)
        #expect(failure.contains("EraseSector(0x08000800) faulted: bus fault on 0x40022028"))
        #expect(machine.bus.lastFault?.description.contains("not code running from SRAM") == true)
        #expect(machine.controller.array.bytes.allSatisfy { $0 == 0x33 })
        // Reading the flash from the core faults too (the test algorithm's ProgramPage never gets that far).
        let emulator = try Emulator(EmulatorTests.probes)
        guard case .failure(let fault) = emulator.call(1, [0x0800_0000], bus: machine.bus) else {
            Issue.record("a read of the flash from SRAM at level 1 succeeded")
            return
        }
        #expect(fault.description.contains("the device refused the read (RDP level 1 (0xBB)"))
    }
}
