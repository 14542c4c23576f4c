import DebugPort
import FlashCore
import FlashEmulation
import Testing

/// The served chip's core running code on Unicorn, driven the way a debugger drives it: DHCSR,
/// DCRSR/DCRDR, DEMCR, the FPB and AIRCR written through the bus as the access port writes them
/// (debug-port.md §5), and checked on what the model then holds.
@Suite(.enabled(if: Emulator.isAvailable, "needs libunicorn2 (apt-get install libunicorn2)"))
struct EmulatedCoreTests {
    /// A debugger's view of one served chip.
    final class Bench {
        let machine: Machine
        let target: DebugTarget
        let core: EmulatedCortexM33

        init(state: DeviceState = .factoryFresh(.stm32l562xE)) throws {
            machine = Machine(state: state)
            let sram = SRAM()
            core = try EmulatedCortexM33(machine: machine, sram: sram)
            target = DebugTarget(machine: machine, sram: sram, executor: core, boundaryScanIDCODE: nil)
        }

        func write(_ address: UInt32, _ value: UInt32) {
            #expect(machine.bus.write(address, value), "write of \(hex(address))")
        }

        func read(_ address: UInt32) -> UInt32 { machine.bus.read(address) ?? 0xDEAD_BEEF }

        static let haltControl: UInt32 = 0xE000_EDF0
        static let registerSelect: UInt32 = 0xE000_EDF4
        static let registerData: UInt32 = 0xE000_EDF8
        static let exceptionMonitor: UInt32 = 0xE000_EDFC
        static let faultStatus: UInt32 = 0xE000_ED30
        static let resetControl: UInt32 = 0xE000_ED0C
        static let key: UInt32 = 0xA05F_0000

        func halt() { write(Self.haltControl, Self.key | 0b11) }
        func resume() { write(Self.haltControl, Self.key | 0b01) }
        func step() { write(Self.haltControl, Self.key | 0b101) }
        var isHalted: Bool { read(Self.haltControl) & (1 << 17) != 0 }

        func setRegister(_ selector: UInt32, _ value: UInt32) {
            write(Self.registerData, value)
            write(Self.registerSelect, selector | 1 << 16)
        }

        func register(_ selector: UInt32) -> UInt32 {
            write(Self.registerSelect, selector)
            return read(Self.registerData)
        }

        /// Lets a running core run as the server does between client batches, until it halts.
        func runUntilHalted(slices: Int = 100) {
            for _ in 0..<slices where !isHalted { target.core.advance(instructions: 10_000) }
        }

        func load(_ code: [UInt8], at address: UInt32) {
            for (offset, byte) in code.enumerated() {
                #expect(machine.bus.write(address + UInt32(offset), UInt32(byte), size: .byte))
            }
        }
    }

    /// Unlocks the flash (NSKEYR), sets PG, programs 0x11223344 0x55667788 at 0x08000000, waits
    /// for BSY to clear, reads the first word back into r4 and stops on BKPT (arm-none-eabi-as):
    ///   ldr r0,=0x40022000; ldr r1,=KEY1; str r1,[r0,#8]; ldr r1,=KEY2; str r1,[r0,#8]
    ///   movs r1,#1; str r1,[r0,#0x28]; mov.w r2,#0x08000000; ldr r3,=0x11223344; str r3,[r2]
    ///   ldr r3,=0x55667788; str r3,[r2,#4]
    ///   wait: ldr r1,[r0,#0x20]; lsls r1,r1,#15; bmi wait;  ldr r4,[r2]; bkpt #0
    static let programFromSRAM: [UInt8] = [
        0x08, 0x48, 0x09, 0x49, 0x81, 0x60, 0x09, 0x49, 0x81, 0x60, 0x01, 0x21, 0x81, 0x62, 0x4F, 0xF0, 0x00, 0x62,
        0x07, 0x4B, 0x13, 0x60, 0x07, 0x4B, 0x53, 0x60, 0x01, 0x6A, 0xC9, 0x03, 0xFC, 0xD4, 0x14, 0x68, 0x00, 0xBE,
        0x00, 0x20, 0x02, 0x40, 0x23, 0x01, 0x67, 0x45, 0xAB, 0x89, 0xEF, 0xCD, 0x44, 0x33, 0x22, 0x11, 0x88, 0x77,
        0x66, 0x55,
    ]
    static let bkptOffset: UInt32 = 0x22

    @Test func codeTheDebuggerLoadsInSRAMProgramsTheFlashAndHaltsOnItsBKPT() throws {
        let bench = try Bench()
        bench.halt()
        bench.load(Self.programFromSRAM, at: SRAM.base)
        bench.setRegister(15, SRAM.base)
        bench.setRegister(16, 1 << 24)
        bench.resume()
        #expect(!bench.isHalted)
        bench.runUntilHalted()
        #expect(bench.isHalted)
        // Halted on the BKPT with DFSR.BKPT (debug-port.md §5).
        #expect(bench.register(15) == SRAM.base + Self.bkptOffset)
        #expect(bench.read(Bench.faultStatus) & 0b10 != 0)
        // The model programmed the double word; the core read it back through its view of the flash.
        #expect(bench.machine.controller.array.bytes[0..<8] == [0x44, 0x33, 0x22, 0x11, 0x88, 0x77, 0x66, 0x55])
        #expect(bench.register(4) == 0x1122_3344)
        // The trace names the instruction that wrote the flash (str r3,[r2] at +0x14).
        let write = bench.machine.trace.entries.first { $0.access == .write && $0.address == 0x0800_0000 }
        #expect(
            write?.notes.contains { if case .executed(pc: SRAM.base + 0x14, _) = $0 { true } else { false } } == true)
    }

    /// The server's pacing (issue 15: the client must be the bottleneck): a slice that only spins on
    /// SRAM, as OpenOCD's loader does waiting for its FIFO, makes no bus access, so the server can
    /// wait for the client; a slice that reads a device register does.
    @Test func aSliceSaysWhetherTheCoreReachedTheBus() throws {
        let bench = try Bench()
        bench.halt()
        // wait: ldr r0, [r1]; cmp r0, #0; beq wait; bkpt #0   (r1 points into SRAM, which holds 0)
        bench.load([0x08, 0x68, 0x00, 0x28, 0xFC, 0xD0, 0x00, 0xBE], at: SRAM.base)
        bench.setRegister(1, SRAM.base + 0x100)
        bench.setRegister(15, SRAM.base)
        bench.setRegister(16, 1 << 24)
        bench.resume()
        #expect(!bench.target.runSlice(instructions: 1_000), "spinning on SRAM touches no device")
        #expect(!bench.isHalted)
        // The same loop reading the flash size register reaches the bus on every pass.
        bench.halt()
        bench.setRegister(1, Machine.flashSizeRegisterAddress & ~3)
        bench.setRegister(15, SRAM.base)
        bench.resume()
        #expect(bench.target.runSlice(instructions: 1_000))
        // What the client writes ends the wait: the loop leaves and halts on its BKPT.
        bench.halt()
        bench.setRegister(1, SRAM.base + 0x100)
        bench.setRegister(15, SRAM.base)
        bench.write(SRAM.base + 0x100, 1)
        bench.resume()
        bench.target.runSlice(instructions: 1_000)
        #expect(bench.isHalted && bench.register(15) == SRAM.base + 6)
    }

    @Test func theSRAMTheCoreRunsIsTheSRAMTheDebuggerWritesAtBothAliases() throws {
        let bench = try Bench()
        bench.halt()
        // Loaded through the secure alias, run from the non-secure one.
        bench.load(Self.programFromSRAM, at: SRAM.secureBase)
        bench.setRegister(15, SRAM.base)
        bench.resume()
        bench.runUntilHalted()
        #expect(bench.register(4) == 0x1122_3344)
        #expect(bench.read(SRAM.base + 0x1000) == 0)
    }

    /// OpenOCD loads its CRC algorithm where its flash loader ran: the core must run the new code,
    /// not what it translated from the old (Unicorn does not see writes that bypass it).
    @Test func codeTheDebuggerLoadsOverOldCodeIsTheCodeThatRuns() throws {
        let bench = try Bench()
        bench.halt()
        bench.load(Self.programFromSRAM, at: SRAM.base)
        bench.setRegister(15, SRAM.base)
        bench.resume()
        bench.runUntilHalted()
        #expect(bench.register(4) == 0x1122_3344)
        bench.load([0x07, 0x24, 0x00, 0xBE], at: SRAM.base)  // movs r4, #7; bkpt #0
        bench.setRegister(15, SRAM.base)
        bench.resume()
        bench.runUntilHalted()
        #expect(bench.register(4) == 7)
        #expect(bench.register(15) == SRAM.base + 2)
    }

    /// A program in flash: vector table (MSP 0x20001000, reset 0x08000009), then at 0x08000008
    /// `ldr r0,[pc,#4]; ldr r1,=0x40022000; bkpt #1` with 0xCAFEF00D and the FLASH base as literals:
    ///   ldr r0, [pc, #4] (0x4801), ldr r1,[pc,#8] (0x4902), bkpt #1 (0xBE01), nop (0xBF00)
    static func flashProgram() -> DeviceState {
        var state = DeviceState.factoryFresh(.stm32l562xE)
        let image: [UInt8] = [
            0x00, 0x10, 0x00, 0x20, 0x09, 0x00, 0x00, 0x08,  // vectors
            0x01, 0x48, 0x02, 0x49, 0x01, 0xBE, 0x00, 0xBF,  // code
            0x0D, 0xF0, 0xFE, 0xCA, 0x00, 0x20, 0x02, 0x40,  // literals
        ]
        state.flash.replaceSubrange(0..<image.count, with: image)
        return state
    }

    @Test func aProgramInFlashRunsFromResetAndItsFlashReadsAreTracedWithTheirPC() throws {
        let bench = try Bench(state: Self.flashProgram())
        bench.runUntilHalted()
        #expect(bench.isHalted)
        #expect(bench.register(15) == 0x0800_000C)
        #expect(bench.register(0) == 0xCAFE_F00D)
        #expect(bench.register(1) == 0x4002_2000)
        #expect(bench.register(17) == 0x2000_1000)
        let literal = bench.machine.trace.entries.first { $0.access == .read && $0.address == 0x0800_0010 }
        #expect(literal?.notes.contains { if case .executed(pc: 0x0800_0008, _) = $0 { true } else { false } } == true)
    }

    /// The core's copy of the flash is refreshed page by page: a page rewritten while the core is
    /// halted runs its new code, and code in a page nobody touched still runs as it was.
    @Test func aRewrittenFlashPageRunsItsNewCodeAndTheOthersTheirOld() throws {
        var state = Self.flashProgram()
        let routine: UInt32 = 0x0800_2800  // page 5 of bank 1
        state.flash.replaceSubrange(0x2800..<0x2804, with: [0x01, 0x22, 0x00, 0xBE])  // movs r2, #1; bkpt #0
        let bench = try Bench(state: state)
        bench.runUntilHalted()
        #expect(bench.register(0) == 0xCAFE_F00D)
        bench.setRegister(15, routine)
        bench.resume()
        bench.runUntilHalted()
        #expect(bench.register(2) == 1)
        // movs r2, #2; bkpt #0 programmed over page 5 (erase, then a double word) by the engine.
        let code: [UInt8] = [0x02, 0x22, 0x00, 0xBE, 0xFF, 0xFF, 0xFF, 0xFF]
        let result = try FlashEngine(machine: bench.machine).program(
            MemoryImage(segments: [.init(address: routine, bytes: code)]))
        #expect(result.succeeded)
        bench.setRegister(15, routine)
        bench.resume()
        bench.runUntilHalted()
        #expect(bench.register(2) == 2, "the new code ran")
        bench.setRegister(0, 0)
        bench.setRegister(15, 0x0800_0008)
        bench.resume()
        bench.runUntilHalted()
        #expect(bench.register(0) == 0xCAFE_F00D, "page 0's code is as it was")
        #expect(bench.register(15) == 0x0800_000C)
    }

    @Test func vectorCatchHaltsAtTheResetVectorAndAFlashBreakpointStopsBeforeItsInstruction() throws {
        let bench = try Bench(state: Self.flashProgram())
        bench.halt()
        bench.write(Bench.exceptionMonitor, 1)  // VC_CORERESET
        bench.write(Bench.resetControl, 0x05FA_0004)  // SYSRESETREQ
        #expect(bench.isHalted)
        #expect(bench.register(15) == 0x0800_0008)
        // FPB comparator 0 on the second instruction: the first runs, the second does not.
        bench.write(BreakpointUnit.base, 0b11)
        bench.write(BreakpointUnit.base + 8, 0x0800_000A | 1)
        bench.resume()
        bench.runUntilHalted()
        #expect(bench.register(15) == 0x0800_000A)
        #expect(bench.register(0) == 0xCAFE_F00D)
        #expect(bench.register(1) == 0)
        // Stepping off the breakpoint executes exactly that instruction.
        bench.step()
        #expect(bench.isHalted)
        #expect(bench.register(15) == 0x0800_000C)
        #expect(bench.register(1) == 0x4002_2000)
    }

    @Test func aCoreFaultHaltsTheCoreAndNamesTheAddress() throws {
        let bench = try Bench()
        bench.halt()
        // ldr r0,=0x60000000; ldr r1,[r0]; bkpt: nothing answers at 0x60000000 (FMC, not modelled).
        bench.load([0x01, 0x48, 0x01, 0x68, 0x00, 0xBE, 0x00, 0xBF, 0x00, 0x00, 0x00, 0x60], at: SRAM.base)
        bench.setRegister(15, SRAM.base)
        bench.resume()
        bench.runUntilHalted()
        #expect(bench.isHalted)
        #expect(bench.target.core.lastFault?.contains("0x60000000") == true)
    }

    @Test func theCodesOwnSystemResetRequestRestartsItFromTheResetVector() throws {
        let bench = try Bench(state: Self.flashProgram())
        bench.halt()
        // ldr r0,=0xE000ED0C; ldr r1,=0x05FA0004; str r1,[r0]; b .
        bench.load(
            [0x01, 0x48, 0x02, 0x49, 0x01, 0x60, 0xFE, 0xE7, 0x0C, 0xED, 0x00, 0xE0, 0x04, 0x00, 0xFA, 0x05],
            at: SRAM.base)
        bench.setRegister(15, SRAM.base)
        let resets = bench.target.core.resetCount
        bench.resume()
        bench.runUntilHalted(slices: 1)
        #expect(bench.target.core.resetCount == resets + 1)
        // After the reset the program in flash runs to its BKPT.
        bench.runUntilHalted()
        #expect(bench.register(15) == 0x0800_000C)
    }
}
