import Foundation
import Testing

/// The stm32l4x driver's own commands against the served chip: option bytes, OBL_LAUNCH as a
/// reset OpenOCD recovers from, readout protection, mass erase, WRP, TrustZone and the OTP bank
/// (reference §2, §8; debug-port.md §5, §6). Each result is checked with FlashScope afterwards.
@Suite(.serialized) struct OpenOCDOptionTests {
    static func options(_ bench: OpenOCDBench) throws -> [String: Any] {
        let shown = try bench.runner.run(["ob", "show", "--json"]).object()
        return (shown["effective"] as? [String: Any])?["fields"] as? [String: Any] ?? [:]
    }

    /// `option_write` of SWAP_BANK into OPTR (offset 0x40 on the L5; 0x20 is the L4's OPTR),
    /// `option_load` (OBL_LAUNCH: the chip resets under OpenOCD, which recovers), then `reset
    /// halt` stops at bank 2's reset vector, now mapped at 0x08000000 (reference §4.1).
    @Test func optionWriteAndLoadOfSwapBankBootsBankTwo() throws {
        let bench = try OpenOCDBench(setup: [
            ["program", OpenOCDBench.bootloaderHex], ["program", OpenOCDBench.applicationHex],
        ])
        guard
            let log = try bench.openocd([
                "reset halt", "echo [stm32l4x option_read 0 0x40]",
                "stm32l4x option_write 0 0x40 0x00100000 0x00100000",
                // Until the reload the register reads the loaded value (reference §8).
                "echo [stm32l4x option_read 0 0x40]", "echo [stm32l4x option_load 0]", "reset halt",
                "echo [stm32l4x option_read 0 0x40]",
            ])
        else { return print(OpenOCDBench.skipMessage) }
        #expect(log.components(separatedBy: "Option Register: <0x40022040> = 0x7feff8aa").count == 3, "\(log)")
        #expect(log.contains("stm32l4x option load completed"), "\(log)")
        #expect(log.contains("Option Register: <0x40022040> = 0x7ffff8aa"), "\(log)")
        // The application's vector table: initial SP 0x20040000, reset handler 0x08040201.
        #expect(log.contains("pc: 0x08040200 msp: 0x20040000"), "\(log)")
        #expect(try Self.options(bench)["SWAP_BANK"] as? Int == 1)
        let info = try bench.runner.run(["info", "--json"]).object()
        let boot = info["boot"] as? [String: Any]
        #expect((boot?["vectorTable"] as? [String: Any])?["resetVector"] as? String == "0x08040201")
        #expect(try bench.runner.run(["log"]).text.contains("device reset (OBL_LAUNCH)"))
    }

    /// `lock` sets RDP level 1; after the reload the debugger cannot read the flash (a bus
    /// error, reference §8). `unlock` regresses to level 0, which mass-erases the user flash.
    @Test func lockBlocksFlashReadsAndUnlockMassErases() throws {
        let bench = try OpenOCDBench(setup: [["program", OpenOCDBench.applicationHex]])
        guard
            let locked = try bench.openocd([
                "reset halt", "stm32l4x lock 0", "stm32l4x option_load 0", "reset halt", "flash probe 0",
                "echo [catch {mrw 0x08040000}]", "echo [reg pc]",
            ])
        else { return print(OpenOCDBench.skipMessage) }
        #expect(locked.contains("RDP level 1"), "\(locked)")
        // The reset cannot fetch the vector table from the protected flash: the core locks up, and
        // OpenOCD's reset halt clears the lockup by halting it (cortex_m.c), the PC at the lockup address.
        #expect(locked.contains("clearing lockup after double fault"), "\(locked)")
        #expect(locked.contains("pc (/32): 0xeffffffe"), "\(locked)")
        #expect(locked.contains("read at 0x08040000 with width=32 and count=1 failed"), "\(locked)")
        #expect(try Self.options(bench)["RDP"] as? Int != 0xAA)
        guard
            let unlocked = try bench.openocd([
                "reset halt", "stm32l4x unlock 0", "stm32l4x option_load 0", "reset halt", "flash probe 0",
                "echo [format WORD=0x%08x [mrw 0x08040000]]",
            ])
        else { return }
        #expect(unlocked.contains("RDP level 0 (0xAA)"), "\(unlocked)")
        #expect(unlocked.contains("WORD=0xffffffff"), "\(unlocked)")
        #expect(try Self.options(bench)["RDP"] as? Int == 0xAA)
        #expect(try bench.read(0x0800_0000, 0x8_0000).allSatisfy { $0 == 0xFF }, "the regression mass-erased")
        #expect(try bench.runner.run(["log"]).text.contains("256 pages erased"))
    }

    /// `mass_erase` sets MER1 and MER2: both banks are erased, one journaled operation.
    @Test func massEraseErasesBothBanks() throws {
        let bench = try OpenOCDBench(setup: [
            ["program", OpenOCDBench.bootloaderHex], ["program", OpenOCDBench.applicationHex],
        ])
        guard let log = try bench.openocd(["reset halt", "echo [stm32l4x mass_erase 0]"]) else {
            return print(OpenOCDBench.skipMessage)
        }
        #expect(log.contains("stm32l4x mass erase complete"), "\(log)")
        #expect(try bench.read(0x0800_0000, 0x8_0000).allSatisfy { $0 == 0xFF })
        #expect(try bench.runner.run(["log"]).text.contains("debug-session\tok\t256 pages erased"))
    }

    /// `wrp_info` reads the WRP areas FlashScope set (WRP1A pages 2-5 of bank 1, WRP2B page 7
    /// of bank 2, which OpenOCD numbers 135), and `flash info` marks those sectors protected.
    @Test func wrpInfoReportsTheAreasTheOptionBytesHold() throws {
        let bench = try OpenOCDBench(setup: [
            ["ob", "set", "WRP1A_PSTRT=2", "WRP1A_PEND=5", "WRP2B_PSTRT=7", "WRP2B_PEND=7", "--launch"]
        ])
        guard
            let log = try bench.openocd([
                "reset halt", "echo [stm32l4x wrp_info 0]", "echo [stm32l4x wrp_info 0 bank1]", "echo [flash info 0]",
            ])
        else { return print(OpenOCDBench.skipMessage) }
        #expect(log.contains("protected areas: [2,5] [135]"), "\(log)")
        #expect(log.components(separatedBy: "protected areas: [2,5]").count == 3, "bank 1 alone: \(log)")
        #expect(log.components(separatedBy: "[135]").count == 2, "\(log)")
        #expect(log.contains("#  5: 0x00002800 (0x800 2kB) protected"), "\(log)")
        #expect(log.contains("#  6: 0x00003000 (0x800 2kB) not protected"), "\(log)")
    }

    /// `trustzone 0 enable` programs TZEN=1 and launches the options (reference §8: only at
    /// RDP level 0); OpenOCD then programs through the secure registers and the secure alias.
    @Test func trustZoneEnableThenProgramTheSecureAlias() throws {
        let bench = try OpenOCDBench()
        let image = try bench.convert(OpenOCDBench.bootloaderHex, to: "bootloader.bin")
        guard
            let log = try bench.openocd([
                "reset halt", "stm32l4x trustzone 0", "stm32l4x trustzone 0 enable", "reset halt", "flash probe 0",
                "flash write_image erase \(image) 0x0C000000", "echo [flash verify_image \(image) 0x0C000000]",
            ])
        else { return print(OpenOCDBench.skipMessage) }
        #expect(log.contains("Global TrustZone Security is disabled"), "\(log)")
        #expect(log.contains("TZEN = 1 : TrustZone enabled by option bytes"), "\(log)")
        #expect(log.contains("CPU in Secure state"), "\(log)")
        #expect(log.contains("verified 6144 bytes"), "\(log)")
        #expect(try Self.options(bench)["TZEN"] as? Int == 1)
        let verify = try bench.runner.run(["verify", image, "--address", "0x0C000000"])
        #expect(verify.status == 0, "\(verify.text)\(verify.stderr)")
    }

    /// TZEN=1 and OpenOCD's non-secure bank (flash_ns, 0x08000000): the driver unlocks and sets
    /// PG in the secure SECCR, marks every page secure (SECBBxRy, reference §5) and writes through
    /// the non-secure alias. Those writes arrive as non-secure program accesses with NSCR.PG clear
    /// (to pages that are secure), so the chip raises PGSERR in NSSR and programs nothing
    /// (reference §5); OpenOCD checks only
    /// SECSR and reports success, and only verify_image notices. The erase, through SECCR, works.
    /// The driver's gap, not the model's: under TZEN=1 program through flash_alias_s (bank 1).
    @Test func trustZoneWritesThroughTheNonSecureBankProgramNothing() throws {
        let bench = try OpenOCDBench(setup: [["ob", "set", "TZEN=1", "--launch"]])
        let image = try bench.convert(OpenOCDBench.bootloaderHex, to: "bootloader.bin")
        guard
            let log = try bench.openocd([
                "reset halt", "flash write_image erase \(image) 0x08000000",
                "echo [format NSSR=0x%08x [mrw 0x40022020]]", "echo [format SECSR=0x%08x [mrw 0x50022024]]",
                "flash verify_image \(image) 0x08000000",
            ])
        else { return print(OpenOCDBench.skipMessage) }
        #expect(log.contains("NSSR=0x00000080"), "PGSERR: \(log)")
        #expect(log.contains("SECSR=0x00000000"), "\(log)")
        #expect(log.contains("verify failed"), "\(log)")
        // The factory watermarks make every page secure under TZEN=1 (reference §2.2): read the secure alias.
        #expect(try bench.read(0x0C00_0000, 6144).allSatisfy { $0 == 0xFF }, "erased, never programmed")
        #expect(try bench.runner.run(["log"]).text.contains("debug-session\tok\t3 pages erased"))
    }

    /// The OTP bank (0x0BFA0000, 512 B, reference §8): `flash banks` lists it, `otp enable`
    /// then `flash write_bank` programs it by double word; `read_bank` and `flashscope read`
    /// agree, the journal counts the bytes and `undo` takes them back.
    @Test func otpBankWriteAndRead() throws {
        let bench = try OpenOCDBench()
        let data = (0..<16).map { UInt8($0 * 16 + 1) }
        let file = try bench.runner.file("otp.bin", bytes: data)
        let dump = bench.runner.directory.appendingPathComponent("otp-read.bin").path
        guard
            let log = try bench.openocd([
                "reset halt", "echo [flash banks]", "stm32l4x otp 2 enable", "flash probe 2",
                "flash write_bank 2 \(file) 0x20", "flash read_bank 2 \(dump) 0 0x40",
            ])
        else { return print(OpenOCDBench.skipMessage) }
        #expect(log.contains("#2 : stm32l5x.otp (stm32l4x) at 0x0bfa0000"), "\(log)")
        #expect(log.contains("OTP size is 512 bytes, base address is 0x0bfa0000"), "\(log)")
        let expected = [UInt8](repeating: 0xFF, count: 0x20) + data + [UInt8](repeating: 0xFF, count: 0x10)
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: dump))) == expected)
        #expect(try bench.read(0x0BFA_0000, 0x40) == expected)
        #expect(try bench.runner.run(["log"]).text.contains("16 bytes programmed"))
        try bench.runner.run(["undo"])
        #expect(try bench.read(0x0BFA_0000, 0x40).allSatisfy { $0 == 0xFF })
    }
}
