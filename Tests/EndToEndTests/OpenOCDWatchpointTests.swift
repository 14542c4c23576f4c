import FlashEmulation
import Foundation
import Testing

/// OpenOCD's own `wp` over remote_bitbang: it programs the DWT (debug-port.md §5) itself, and the
/// emulated core halts after the watched store, with DFSR.DWTTRAP and FUNCTION.MATCHED, which
/// OpenOCD reads to say why the target halted.
@Suite(.enabled(if: Emulator.isAvailable, "needs libunicorn2 (apt-get install libunicorn2)"))
struct OpenOCDWatchpointTests {
    @Test func wpHaltsTheCoreAfterTheWatchedStore() throws {
        let bench = try OpenOCDBench()
        // str r1, [r0]; b .   (0x6001, 0xE7FE) in SRAM, r0 = 0x20000100, r1 = 7.
        guard
            let log = try bench.openocd([
                "reset halt", "mww 0x20000000 0xe7fe6001", "reg r0 0x20000100", "reg r1 7", "reg xPSR 0x01000000",
                "reg pc 0x20000000", "wp 0x20000100 4 w", "resume", "wait_halt 5000", "echo [capture {reg pc}]",
                "echo [capture {mdw 0x20000100}]", "rwp 0x20000100",
            ])
        else { return print(OpenOCDBench.skipMessage) }
        #expect(log.contains("halted due to watchpoint"), "\(log)")
        #expect(log.contains("pc (/32): 0x20000002"), "\(log)")
        #expect(log.contains("0x20000100: 00000007"), "\(log)")
    }
}
