import FlashEmulation
import Foundation
import Testing

/// OpenOCD's other path: with a work area, `stm32l4x` loads its asynchronous flash loader into
/// SRAM and runs it on the target's core (debug-port.md §6), feeding it through a FIFO while it
/// runs. Under `serve` that core is the emulated Cortex-M33, so these need libunicorn2 as well.
@Suite(.enabled(if: Emulator.isAvailable, "needs libunicorn2 (apt-get install libunicorn2)"))
struct OpenOCDLoaderTests {
    @Test func theRAMLoaderRunsOnTheEmulatedCoreAndProgramsTheImage() throws {
        let bench = try OpenOCDBench(setup: [["program", OpenOCDBench.bootloaderHex]])
        guard
            let log = try bench.openocd(
                ["reset halt", "flash write_image erase \(OpenOCDBench.applicationHex)"], workArea: true)
        else { return print(OpenOCDBench.skipMessage) }
        #expect(!log.contains("error"), "\(log)")
        // Block writes, not the fallback the driver takes without a running core.
        #expect(!log.contains("falling back"), "\(log)")
        let verify = try bench.runner.run(["verify", OpenOCDBench.applicationHex])
        #expect(verify.status == 0, "\(verify.text)\(verify.stderr)")
        // The bootloader OpenOCD did not touch is still there.
        let untouched = try bench.runner.run(["verify", OpenOCDBench.bootloaderHex])
        #expect(untouched.status == 0, "\(untouched.text)\(untouched.stderr)")
        // The flash writes were made by the loader's instructions in SRAM, and the trace says which.
        let trace = try bench.runner.run(["trace", "--limit", "100000"]).text
        #expect(trace.contains("by the instruction at 0x2000"), "\(trace.prefix(2000))")
    }

    @Test func verifyImageAfterTheLoaderFindsEveryByte() throws {
        // A program at the boot address gives the core a stack (reset halt loads MSP from it).
        let bench = try OpenOCDBench(setup: [["program", OpenOCDBench.bootloaderHex]])
        guard
            let log = try bench.openocd(
                [
                    "reset halt", "flash write_image erase \(OpenOCDBench.applicationHex)",
                    "echo [capture {flash verify_image \(OpenOCDBench.applicationHex)}]",
                ], workArea: true)
        else { return print(OpenOCDBench.skipMessage) }
        #expect(log.contains("verified 20480 bytes"), "\(log)")
        #expect(!log.contains("contents differ"), "\(log)")
    }
}
