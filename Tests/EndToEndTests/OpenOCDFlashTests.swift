import Foundation
import Testing

/// Real OpenOCD 0.12 programs the served chip through its stm32l4x driver (direct writes through
/// the access port, WORKAREASIZE 0; debug-port.md §6) in every file format it reads, and FlashScope
/// finds every byte where OpenOCD put it.
@Suite(.serialized) struct OpenOCDFlashTests {
    /// `flash write_image erase` of an ELF (its PT_LOAD segment), a binary at an address and an
    /// S-record file, then `flash verify_image` of each (without a work area OpenOCD reads back).
    @Test func writeImageOfElfBinAndS19ThenVerifyImage() throws {
        let bench = try OpenOCDBench()
        let application = try bench.convert(OpenOCDBench.applicationHex, to: "application.bin")
        let bootloaderS19 = try bench.convert(OpenOCDBench.bootloaderHex, to: "bootloader.s19")
        let bootloaderBin = try bench.convert(OpenOCDBench.bootloaderHex, to: "bootloader.bin")
        let elf = try bench.elf(of: application, at: OpenOCDBench.applicationBase, entry: 0x0804_0201)
        if elf == nil { print("ELF part skipped: arm-none-eabi-objcopy/ld are not installed") }
        // The application as ELF (or, without binutils, as a binary at its address).
        let first = elf.map { "flash write_image erase \($0)" } ?? "flash write_image erase \(application) 0x08040000"
        let firstVerify = elf.map { "flash verify_image \($0)" } ?? "flash verify_image \(application) 0x08040000"
        guard
            let log = try bench.openocd([
                "reset halt", first, "flash write_image erase \(bootloaderS19)",
                "flash write_image erase \(bootloaderBin) 0x08010000", "echo [\(firstVerify)]",
                "echo [flash verify_image \(bootloaderS19)]", "echo [flash verify_image \(bootloaderBin) 0x08010000]",
            ])
        else { return print(OpenOCDBench.skipMessage) }
        #expect(log.contains("falling back to programming without a flash loader"), "\(log)")
        #expect(log.contains("verified 20480 bytes"), "\(log)")
        #expect(log.components(separatedBy: "verified 6144 bytes").count == 3, "both bootloader copies: \(log)")
        #expect(!log.contains("Error: failed") && !log.contains("verify failed"), "\(log)")
        let checks = [
            elf.map { ["verify", $0] } ?? ["verify", application, "--address", "0x08040000"],
            ["verify", bootloaderS19], ["verify", bootloaderBin, "--address", "0x08010000"],
        ]
        for check in checks {
            let verify = try bench.runner.run(check)
            #expect(verify.status == 0, "\(check): \(verify.text)\(verify.stderr)")
        }
        // Nothing else was touched: the page after the binary copy is still erased.
        #expect(try bench.read(0x0801_1800, 2048).allSatisfy { $0 == 0xFF })
    }

    /// `flash read_bank` gives the bytes `flashscope read` gives; `flash erase_address` erases
    /// exactly the 2 KiB pages of the range (DBANK=1, reference §1); `flash info` lists them.
    @Test func readBankEraseAddressAndFlashInfo() throws {
        let bench = try OpenOCDBench(setup: [["program", OpenOCDBench.applicationHex]])
        let image = try bench.bytes(of: OpenOCDBench.applicationHex)
        let dump = bench.runner.directory.appendingPathComponent("bank.bin").path
        guard
            let log = try bench.openocd([
                "reset halt", "flash read_bank 0 \(dump) 0x40000 0x5000", "flash erase_address 0x08041000 0x1000",
                "echo [flash info 0]",
            ])
        else { return print(OpenOCDBench.skipMessage) }
        #expect(!log.contains("Error: failed"), "\(log)")
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: dump))) == image, "read_bank == the image")
        #expect(log.contains("#128: 0x00040000 (0x800 2kB) not protected"), "\(log)")
        #expect(log.contains("#255: 0x0007f800 (0x800 2kB) not protected"), "\(log)")
        #expect(log.contains("STM32L55/L56xx - Rev B : 0x2000 - Flash dual-bank"), "\(log)")
        let after = try bench.read(OpenOCDBench.applicationBase, image.count)
        #expect(after[0..<0x1000] == image[0..<0x1000], "the page before the range is kept")
        #expect(after[0x1000..<0x2000].allSatisfy { $0 == 0xFF }, "pages 130 and 131 erased")
        #expect(after[0x2000...] == image[0x2000...], "the pages after the range are kept")
    }

    /// OpenOCD's `program FILE verify reset`: reset init (the clock stand-ins answer), erase,
    /// write, verify, and a reset run.
    @Test func programVerifyReset() throws {
        let bench = try OpenOCDBench()
        guard let log = try bench.openocd(["program \(OpenOCDBench.applicationHex) verify reset"]) else {
            return print(OpenOCDBench.skipMessage)
        }
        #expect(log.contains("** Programming Finished **"), "\(log)")
        #expect(log.contains("** Verified OK **"), "\(log)")
        #expect(log.contains("** Resetting Target **"), "\(log)")
        let verify = try bench.runner.run(["verify", OpenOCDBench.applicationHex])
        #expect(verify.status == 0, "\(verify.text)\(verify.stderr)")
    }

    /// A client reaches only the modelled address space: reads and writes of unmapped addresses
    /// give OpenOCD a transfer error (STICKYERR, debug-port.md §4), the server goes on.
    @Test func unmappedAddressesAreErrorsForOpenOCD() throws {
        let bench = try OpenOCDBench()
        guard
            let log = try bench.openocd([
                "reset halt", "echo [catch {mrw 0x60000000}]", "echo [catch {mww 0x70000000 1}]",
                "echo [catch {mrw 0xFFFFFFF0}]", "mww 0x20000010 0x12345678",
                "echo [format SRAM=0x%08x [mrw 0x20000010]]",
            ])
        else { return print(OpenOCDBench.skipMessage) }
        #expect(log.contains("Failed to write memory at 0x7000000"), "\(log)")
        #expect(log.contains("read at 0xfffffff0 with width=32 and count=1 failed"), "\(log)")
        #expect(log.contains("SRAM=0x12345678"), "the connection still works: \(log)")
        #expect(
            try bench.runner.run(["log"]).text.lowercased().contains("no operations yet"),
            "nothing in the flash changed")
    }
}
