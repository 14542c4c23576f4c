import DebugPort
import FlashCore
import FlashEmulation
import Testing

/// DWT data watchpoints on the emulated core, programmed through the bus as OpenOCD programs an
/// Armv8-M DWT (debug-port.md §5; OpenOCD's cortex_m.c: COMP = address, FUNCTION = MATCH |
/// ACTION 1 << 4 | DATAVSIZE << 10 with MATCH 4 access, 5 write, 6 read; DEMCR.TRCENA enables
/// the DWT). The core halts after the instruction making the access, with DFSR.DWTTRAP.
@Suite(.enabled(if: Emulator.isAvailable, "needs libunicorn2 (apt-get install libunicorn2)"))
struct EmulatedWatchpointTests {
    typealias Bench = EmulatedCoreTests.Bench

    /// ldr r0,=0x20000100; movs r1,#1; str r1,[r0]; movs r2,#2; ldr r3,[r0]; movs r4,#4; bkpt #0.
    static let storeThenLoad: [UInt8] = [
        0x03, 0x48, 0x01, 0x21, 0x01, 0x60, 0x02, 0x22, 0x03, 0x68, 0x04, 0x24, 0x00, 0xBE, 0x00, 0x00, 0x00, 0x01,
        0x00, 0x20,
    ]
    static let data: UInt32 = 0x2000_0100
    static let traceEnable: UInt32 = 1 << 24
    static let dwtTrap: UInt32 = 1 << 2
    static let matched: UInt32 = 1 << 24

    static func function(match: UInt32, size: UInt32) -> UInt32 { match | 1 << 4 | (size >> 1) << 10 }

    /// Comparator `index` on `address` for `size` bytes, and the DWT enabled.
    static func watch(_ bench: Bench, _ index: Int = 0, _ address: UInt32, match: UInt32, size: UInt32 = 4) {
        bench.write(Bench.exceptionMonitor, Self.traceEnable)
        bench.write(WatchpointUnit.base + 0x20 + 16 * UInt32(index), address)
        bench.write(WatchpointUnit.base + 0x28 + 16 * UInt32(index), function(match: match, size: size))
    }

    static func start(_ bench: Bench) {
        bench.halt()
        bench.load(storeThenLoad, at: SRAM.base)
        bench.setRegister(15, SRAM.base)
        bench.write(Bench.faultStatus, 0x1F)
    }

    @Test func aWriteWatchHaltsAfterTheStoreWithDWTTRAPAndMATCHEDReadOnce() throws {
        let bench = try Bench()
        Self.start(bench)
        // The code runs once without a watch first: what the core translated then must not hide the new watch.
        bench.resume()
        bench.runUntilHalted()
        #expect(bench.register(15) == SRAM.base + 0xC)
        bench.setRegister(15, SRAM.base)
        bench.write(Self.data, 0)
        Self.watch(bench, 0, Self.data, match: 5)
        bench.resume()
        bench.runUntilHalted()
        #expect(bench.isHalted)
        // Imprecise: the str completed (the word holds 1), the next instruction (movs r2) did not run.
        #expect(bench.register(15) == SRAM.base + 6)
        #expect(bench.read(Self.data) == 1)
        #expect(bench.read(Bench.faultStatus) & Self.dwtTrap != 0)
        #expect(bench.read(WatchpointUnit.base + 0x28) & Self.matched != 0)
        #expect(bench.read(WatchpointUnit.base + 0x28) & Self.matched == 0, "MATCHED clears on read")
        #expect(bench.target.core.watchHit?.write == true)
        // A write comparator ignores the load: the run goes on to the BKPT.
        bench.write(Bench.faultStatus, 0x1F)
        bench.resume()
        bench.runUntilHalted()
        #expect(bench.register(15) == SRAM.base + 0xC)
        #expect(bench.register(3) == 1)
        #expect(bench.read(Bench.faultStatus) & Self.dwtTrap == 0)
    }

    @Test func aReadWatchHaltsAfterTheLoadAndAByteWatchInsideTheWordMatchesIt() throws {
        let bench = try Bench()
        Self.start(bench)
        // Comparator 2 on byte 2 of the word: the 4-byte load covers it; the store does not trigger a read watch.
        Self.watch(bench, 2, Self.data + 2, match: 6, size: 1)
        bench.resume()
        bench.runUntilHalted()
        #expect(bench.register(15) == SRAM.base + 0xA)
        #expect(bench.register(3) == 1)
        #expect(bench.register(4) == 0)
        #expect(
            bench.target.core.watchHit
                == DataWatchHit(
                    watch: DataWatch(comparator: 2, address: Self.data + 2, size: 1, access: .read), write: false))
        #expect(bench.read(WatchpointUnit.base + 0x48) & Self.matched != 0)
    }

    @Test func withoutTRCENAOrOnOtherBytesNothingTriggers() throws {
        let bench = try Bench()
        Self.start(bench)
        Self.watch(bench, 0, Self.data, match: 4)
        bench.write(Bench.exceptionMonitor, 0)
        Self.watch(bench, 1, Self.data + 4, match: 4)
        bench.write(Bench.exceptionMonitor, 0)  // the DWT disabled again
        bench.resume()
        bench.runUntilHalted()
        #expect(bench.register(15) == SRAM.base + 0xC)
        // With TRCENA, the comparator on the next word still sees nothing.
        bench.write(WatchpointUnit.base + 0x28, 0)
        bench.write(Bench.exceptionMonitor, Self.traceEnable)
        bench.setRegister(15, SRAM.base)
        bench.resume()
        bench.runUntilHalted()
        #expect(bench.register(15) == SRAM.base + 0xC)
        #expect(bench.read(Bench.faultStatus) & Self.dwtTrap == 0)
    }

    @Test func aWatchOnAFlashLiteralAndOnAFlashRegisterHaltAfterTheirReads() throws {
        // The program in flash reads its literal 0xCAFEF00D at 0x08000010 with the instruction at 0x08000008.
        let bench = try Bench(state: EmulatedCoreTests.flashProgram())
        bench.halt()
        bench.write(Bench.exceptionMonitor, 1)  // VC_CORERESET
        bench.write(Bench.resetControl, 0x05FA_0004)
        Self.watch(bench, 0, 0x0800_0010, match: 4)
        bench.resume()
        bench.runUntilHalted()
        #expect(bench.register(15) == 0x0800_000A)
        #expect(bench.register(0) == 0xCAFE_F00D)
        #expect(bench.read(Bench.faultStatus) & Self.dwtTrap != 0)
        // A peripheral: the SRAM flash program polls NSSR (0x40022020) at +0x1A; it halts after the first poll.
        let second = try Bench()
        second.halt()
        second.load(EmulatedCoreTests.programFromSRAM, at: SRAM.base)
        second.setRegister(15, SRAM.base)
        Self.watch(second, 3, 0x4002_2020, match: 6)
        second.resume()
        second.runUntilHalted()
        #expect(second.register(15) == SRAM.base + 0x1C)
        #expect(second.target.core.watchHit?.watch.comparator == 3)
    }
}
