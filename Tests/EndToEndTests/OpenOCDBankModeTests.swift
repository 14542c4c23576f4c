import Foundation
import Testing

/// OpenOCD's `flash erase_sector` under the bank modes it does and does not understand: which
/// page the chip really erased is read back with `flashscope read` (reference §4).
@Suite(.serialized) struct OpenOCDBankModeTests {
    static let marker: UInt8 = 0x5A

    /// 16 KiB of the marker at the start of each bank (0x08000000 and 0x08040000), after `options`.
    /// With `after`, those options are set once the banks are filled (TZEN=1 makes the pages secure,
    /// and the non-secure alias could not program them).
    static func bench(options: [String], assume: [String] = [], after: [String] = []) throws -> OpenOCDBench {
        let runner = try CommandRunner()
        let fill = try runner.file("fill.bin", bytes: [UInt8](repeating: marker, count: 0x4000))
        var setup: [[String]] = []
        if !options.isEmpty { setup.append(["ob", "set"] + options + ["--launch"]) }
        if !assume.isEmpty { setup.append(["assume"] + assume) }
        setup += [["program", fill, "--address", "0x08000000"], ["program", fill, "--address", "0x08040000"]]
        if !after.isEmpty { setup.append(["ob", "set"] + after + ["--launch"]) }
        return try OpenOCDBench(setup: setup)
    }

    /// The erased ranges among the two 16 KiB blocks, as (address, length).
    static func erased(_ bench: OpenOCDBench, secure: Bool = false) throws -> [ClosedRange<UInt32>] {
        var ranges: [ClosedRange<UInt32>] = []
        let alias: UInt32 = secure ? 0x0C00_0000 : 0x0800_0000
        for base in [alias, alias + 0x4_0000] {
            let bytes = try bench.read(base, 0x4000)
            #expect(bytes.allSatisfy { $0 == marker || $0 == 0xFF }, "nothing half-erased")
            var index = 0
            while index < bytes.count {
                guard bytes[index] == 0xFF else {
                    index += 1
                    continue
                }
                let start = index
                while index < bytes.count && bytes[index] == 0xFF { index += 1 }
                ranges.append(base + UInt32(start)...base + UInt32(index - 1))
            }
        }
        return ranges
    }

    /// DBANK=0: one bank of 128 pages of 4 KiB (reference §1). OpenOCD reads DBANK and numbers
    /// its sectors the same way, so sector 1 is 0x08001000 and sector 64 is 0x08040000, PNB 64.
    @Test func singleBankEraseSectorErasesTheFourKiBPageOpenOCDNames() throws {
        let bench = try Self.bench(options: ["DBANK=0"])
        guard
            let log = try bench.openocd([
                "reset halt", "flash probe 0", "flash erase_sector 0 1 1", "flash erase_sector 0 64 64",
                "echo [flash info 0]",
            ])
        else { return print(OpenOCDBench.skipMessage) }
        #expect(log.contains("flash mode : single-bank"), "\(log)")
        #expect(log.contains("#127: 0x0007f000 (0x1000 4kB) not protected"), "\(log)")
        #expect(!log.contains("Error: failed"), "\(log)")
        #expect(try Self.erased(bench) == [0x0800_1000...0x0800_1FFF, 0x0804_0000...0x0804_0FFF])
    }

    /// DBANK=0 set by OpenOCD itself: `option_write` of OPTR's DBANK bit, `option_load`. The
    /// reload changes the bank mode, which empties the flash (reference §5 "Changing DBANK";
    /// assumption bank-mode-change=erase); OpenOCD re-probes single-bank and programs in 4 KiB pages.
    @Test func optionWriteOfDBankZeroThenProgramInFourKiBPages() throws {
        let bench = try OpenOCDBench(setup: [["program", OpenOCDBench.applicationHex]])
        guard
            let log = try bench.openocd([
                "reset halt", "stm32l4x option_write 0 0x40 0 0x00400000", "stm32l4x option_load 0", "reset halt",
                "flash probe 0", "echo [stm32l4x option_read 0 0x40]", "echo [format VECTOR=0x%08x [mrw 0x08040000]]",
                "flash write_image erase \(OpenOCDBench.bootloaderHex)",
                "echo [flash verify_image \(OpenOCDBench.bootloaderHex)]",
            ])
        else { return print(OpenOCDBench.skipMessage) }
        #expect(log.contains("flash mode : single-bank"), "\(log)")
        #expect(log.contains("Option Register: <0x40022040> = 0x7faff8aa"), "\(log)")
        #expect(log.contains("VECTOR=0xffffffff"), "the bank-mode change emptied the flash: \(log)")
        #expect(log.contains("verified 6144 bytes"), "\(log)")
        let info = try bench.runner.run(["info", "--json"]).object()
        #expect(info["pageSize"] as? Int == 4096, "\(info)")
        #expect(try bench.runner.run(["verify", OpenOCDBench.bootloaderHex]).status == 0)
        // 6 KiB of image in 4 KiB pages: OpenOCD erased two pages (three in 2 KiB pages).
        #expect(try bench.runner.run(["log"]).text.contains("debug-session\tok\t2 pages erased"))
        #expect(try bench.read(OpenOCDBench.applicationBase, 0x5000).allSatisfy { $0 == 0xFF })
    }

    /// SWAP_BANK=1: OpenOCD 0.12 ignores the swap (reference §4.2, §7) and sends sector 1 as
    /// PNB 1, BKER 0. On the chip (ST's own code, assumption bker-under-swap=physical) BKER=0
    /// names physical bank 1, which is mapped at 0x08040000 under the swap: the page OpenOCD
    /// meant, 0x08000800, stays programmed and 0x08040800 is erased. This is the driver's bug,
    /// not the model's: FlashScope shows what the silicon does with what OpenOCD sent.
    @Test func swappedBanksEraseSectorHitsTheOtherBankAsOnSilicon() throws {
        let bench = try Self.bench(options: ["SWAP_BANK=1"])
        guard let log = try bench.openocd(["reset halt", "flash erase_sector 0 1 1"]) else {
            return print(OpenOCDBench.skipMessage)
        }
        #expect(log.contains("flash mode : dual-bank"), "\(log)")
        #expect(try Self.erased(bench) == [0x0804_0800...0x0804_0FFF])
        #expect(try bench.lastOperation().contains("PER PNB 1 BKER 0"), "the command OpenOCD sent is recorded")
    }

    /// TZEN=1 (reference §2.2): OpenOCD erases through SECCR and numbers the secure alias's
    /// sectors as the non-secure ones, 2 KiB each over both banks, so sector 1 of bank 1
    /// (flash_alias_s, 0x0C000000) is page 1 of bank 1 and sector 129 is page 1 of bank 2.
    @Test func trustZoneEraseSectorNumbersTheSecureAliasLikeTheNonSecureOne() throws {
        let bench = try Self.bench(options: [], after: ["TZEN=1"])
        guard
            let log = try bench.openocd([
                "reset halt", "flash probe 1", "flash erase_sector 1 1 1", "flash erase_sector 1 129 129",
                "echo [format SECSR=0x%08x [mrw 0x50022024]]",
            ])
        else { return print(OpenOCDBench.skipMessage) }
        #expect(log.contains("TZEN = 1 : TrustZone enabled by option bytes"), "\(log)")
        #expect(log.contains("SECSR=0x00000000"), "no error flag: \(log)")
        #expect(try Self.erased(bench, secure: true) == [0x0C00_0800...0x0C00_0FFF, 0x0C04_0800...0x0C04_0FFF])
        // Each erase_sector is one unlock-to-lock stretch: the second is the log's last operation.
        let operation = try bench.lastOperation()
        #expect(operation.contains("PER PNB 1 BKER 1"), "\(operation.prefix(3000))")
    }

    /// The same erase under the other reading of BKER (bker-under-swap=logical): BKER follows
    /// the address, so OpenOCD's swap-unaware numbering happens to be right.
    @Test func swappedBanksEraseSectorUnderTheLogicalAssumption() throws {
        let bench = try Self.bench(options: ["SWAP_BANK=1"], assume: ["bker-under-swap=logical"])
        guard try bench.openocd(["reset halt", "flash erase_sector 0 1 1"]) != nil else {
            return print(OpenOCDBench.skipMessage)
        }
        #expect(try Self.erased(bench) == [0x0800_0800...0x0800_0FFF])
    }
}
