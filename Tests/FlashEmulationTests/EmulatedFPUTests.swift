import DebugPort
import FlashCore
import FlashEmulation
import Testing

/// The Cortex-M33's FPU on the emulated core (the L5 has one: MVFR0/1, debug-port.md §5): S0-S31
/// and FPSCR move between the debugger's DCRSR selectors (0x40-0x5F, 0x21) and the running code.
@Suite(.enabled(if: Emulator.isAvailable, "needs libunicorn2 (apt-get install libunicorn2)"))
struct EmulatedFPUTests {
    typealias Bench = EmulatedCoreTests.Bench

    /// CPACR |= CP10/CP11 full access, then s0 = r0, s1 = r1, s2 = s0 + s1, r2 = s2, bkpt
    /// (arm-none-eabi-as, -mfpu=fpv5-sp-d16):
    ///   ldr r3,=0xE000ED88; ldr r4,[r3]; orr r4,r4,#0xF00000; str r4,[r3]; dsb; isb
    ///   vmov s0,r0; vmov s1,r1; vadd.f32 s2,s0,s1; vmov r2,s2; bkpt #0
    static let addFromRegisters: [UInt8] = [
        0x08, 0x4B, 0x1C, 0x68, 0x44, 0xF4, 0x70, 0x04, 0x1C, 0x60, 0xBF, 0xF3, 0x4F, 0x8F, 0xBF, 0xF3, 0x6F, 0x8F,
        0x00, 0xEE, 0x10, 0x0A, 0x00, 0xEE, 0x90, 0x1A, 0x30, 0xEE, 0x20, 0x1A, 0x11, 0xEE, 0x10, 0x2A, 0x00, 0xBE,
        0x88, 0xED, 0x00, 0xE0,
    ]

    static let s0: UInt32 = 0x40
    static let fpscr: UInt32 = 0x21

    @Test func aVADDOnTheCoreSeesAndLeavesTheRegistersTheDebuggerReaches() throws {
        let bench = try Bench()
        bench.halt()
        bench.load(Self.addFromRegisters, at: SRAM.base)
        bench.setRegister(15, SRAM.base)
        bench.setRegister(0, Float(1.5).bitPattern)
        bench.setRegister(1, Float(2.25).bitPattern)
        // A value the debugger left in s7 before the run stays there.
        bench.setRegister(Self.s0 + 7, Float(-8).bitPattern)
        bench.resume()
        bench.runUntilHalted()
        #expect(bench.isHalted)
        #expect(bench.register(15) == SRAM.base + 0x22, "\(bench.target.core.lastFault ?? "")")
        #expect(bench.register(Self.s0 + 2) == Float(3.75).bitPattern)
        #expect(bench.register(2) == Float(3.75).bitPattern)
        #expect(bench.register(Self.s0 + 7) == Float(-8).bitPattern)
    }

    @Test func sRegistersTheDebuggerWritesAreTheOperandsTheCodeAdds() throws {
        let bench = try Bench()
        bench.halt()
        // The same program from its VADD on: s0 and s1 come from the debugger.
        bench.load(Self.addFromRegisters, at: SRAM.base)
        bench.setRegister(15, SRAM.base)
        for _ in 0..<8 { bench.step() }  // the CPACR write and the two vmovs into s0/s1
        #expect(bench.register(15) == SRAM.base + 0x1A)
        bench.setRegister(Self.s0, Float(0.5).bitPattern)
        bench.setRegister(Self.s0 + 1, Float(0.25).bitPattern)
        // FPSCR's rounding mode (RMode 23:22) round towards zero: it reaches the core and comes back.
        bench.setRegister(Self.fpscr, 0b11 << 22)
        bench.step()
        #expect(bench.register(Self.s0 + 2) == Float(0.75).bitPattern)
        #expect(bench.register(Self.fpscr) & (0b11 << 22) == 0b11 << 22)
    }
}
