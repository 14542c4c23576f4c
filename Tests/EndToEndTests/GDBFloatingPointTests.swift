import Foundation
import Testing

/// The FPU registers through `serve --gdb` (debug-port.md §5: the L5's M33 has an FPU; gdb's
/// `org.gnu.gdb.arm.vfp` feature: d0-d15 and fpscr, with s0-s31 as their halves).
@Suite(.serialized) struct GDBFloatingPointTests {
    @Test func d0AndFpscrAreRegistersGdbReadsAndWrites() throws {
        guard let (_, server) = try GDBServeTests.served() else { return }
        let (status, output) = try server.gdb([
            "info registers d0 fpscr", "set $d0 = 1.5", "info registers d0", "p $s1", "set $s2 = -0.25", "p $d1",
            "set $fpscr = 0x00c00000", "p/x $fpscr",
        ])
        #expect(status == 0, "\(output)")
        #expect(output.contains("fpscr          0x0"), "\(output)")
        // 1.5 as a double is 0x3ff8000000000000: s0 is its low word, s1 its high word (1.9375 as a float).
        #expect(output.contains("(raw 0x3ff8000000000000)"), "\(output)")
        #expect(output.contains("$1 = 1.9375"), "\(output)")
        // s2 = -0.25 (0xbe800000) is d1's low word: d1 is the double 0x00000000be800000.
        #expect(output.contains("$2 = 1.5790632741362671e-314"), "\(output)")
        #expect(output.contains("$3 = 0xc00000"), "\(output)")
        #expect(server.stop().status == 0)
    }

    @Test func aVADDOnTheEmulatedCoreLeavesASumGdbReads() throws {
        guard let (_, server) = try GDBServeTests.served() else { return }
        defer { _ = server.stop() }
        if let missing = GDBServer.compilerMissing { return print(missing) }
        guard !server.log.contains("core: not emulated") else {
            return print("skipped: serve runs no emulated core here (apt-get install libunicorn2)")
        }
        let elf = try server.program(
            "fadd",
            c: """
                volatile float operands[2];
                volatile float sum;
                void reset(void) {
                    *(volatile unsigned *)0xE000ED88 |= 0xFu << 20;  /* CPACR: CP10 and CP11 full access */
                    __asm volatile("dsb\\n isb");
                    operands[0] = 1.5f;
                    operands[1] = 2.25f;
                    sum = operands[0] + operands[1];
                    __asm volatile("bkpt #0");
                    for (;;) {}
                }
                """)
        let (status, output) = try server.gdb(
            ["load", "monitor reset halt", "continue", "p sum", "p $s15", "x/i $pc"], file: elf)
        #expect(status == 0, "\(output)")
        #expect(output.contains("$1 = 3.75"), "\(output)")
        // The compiler's vadd.f32 s15, s15, s14 left the sum in s15.
        #expect(output.contains("$2 = 3.75"), "\(output)")
        #expect(output.contains("bkpt"), "\(output)")
    }
}
