import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `flashscope serve` as users and OpenOCD meet it (debug-port.md §2; issue: serve).
@Suite(.serialized) struct ServeCommandTests {
    static func served() throws -> (CommandRunner, ServedDevice) {
        let runner = try CommandRunner()
        try runner.run(["init"])
        return (runner, try ServedDevice(runner))
    }

    @Test func listensOnLoopbackAndStopsOnSIGTERMWithStatusZero() throws {
        let (_, served) = try Self.served()
        #expect(served.host == "127.0.0.1")
        let (status, log) = served.stop()
        #expect(status == 0, "\(log)")
        #expect(log.contains("stopped"))
    }

    /// Issue 15: what of the core is not modelled is said by `info`, not only by the README.
    @Test func infoSaysWhatOfTheCoreIsNotModelled() throws {
        let runner = try CommandRunner()
        try runner.run(["init"])
        let line = try runner.run(["info"]).text.split(separator: "\n").first { $0.hasPrefix("core ") }
        let core = try #require(line)
        for missing in ["exception entry", "HardFault", "NVIC interrupts", "SysTick", "MPU", "SAU"] {
            #expect(core.contains(missing), "\(core)")
        }
    }

    @Test func aMalformedByteEndsThatClientOnlyAndTheNextOneIsServed() throws {
        let (_, served) = try Self.served()
        defer { _ = served.stop() }
        let first = try served.connect()
        // 'R' is answered; 'X' is no remote_bitbang command: the server closes the connection.
        let answer = exchange(first, send: "0RX", expect: 2)
        #expect(answer.count == 1 && (answer == [UInt8(ascii: "0")] || answer == [UInt8(ascii: "1")]))
        close(first)
        let second = try served.connect()
        #expect(exchange(second, send: "R", expect: 1).count == 1, "the server survived")
        close(second)
        let (_, log) = served.stop()
        #expect(log.contains("not a remote_bitbang command: byte 0x58 at offset 2"), "\(log)")
    }

    @Test func aSecondClientIsRefusedWhileTheFirstIsConnected() throws {
        let (_, served) = try Self.served()
        defer { _ = served.stop() }
        let first = try served.connect()
        #expect(exchange(first, send: "R", expect: 1).count == 1)
        let second = try served.connect()
        let message = String(decoding: exchange(second, send: "", expect: 200), as: UTF8.self)
        #expect(message.contains("busy"))
        close(second)
        #expect(exchange(first, send: "R", expect: 1).count == 1, "the first client is still served")
        close(first)
    }

    @Test func openocdFindsTheChainAndTheCore() throws {
        let (_, served) = try Self.served()
        guard let (_, log) = try served.openocd(["echo [format CPUID=0x%08x [mrw 0xE000ED00]]"]) else {
            _ = served.stop()
            print("skipped: openocd is not installed (apt install openocd)")
            return
        }
        #expect(log.contains("tap/device found: 0x0ba04477"), "\(log)")
        #expect(log.contains("Cortex-M33 r0p3 processor detected"), "\(log)")
        #expect(log.contains("8 breakpoints, 4 watchpoints"), "\(log)")
        #expect(log.contains("CPUID=0x410fd213"), "\(log)")
        // The session's end says how many round trips the client waited on (what bounds its speed).
        let serveLog = served.stop().log
        let counts = serveLog.split(separator: "\n").first { $0.contains("round trips answered") }
        let numbers = counts.map { $0.split(separator: " ").compactMap { Int($0) } } ?? []
        #expect(numbers.count == 2 && numbers[0] > numbers[1] && numbers[1] > 10, "\(serveLog)")
    }

    /// OpenOCD's stm32l4x driver probes the flash as on a board: DBGMCU's IDCODE, OPTR, FLASH_SIZE.
    @Test func openocdProbesTheFlashAndHaltsAtTheResetVector() throws {
        let (_, served) = try Self.served()
        defer { _ = served.stop() }
        guard let (_, log) = try served.openocd(["reset halt", "flash probe 0"]) else {
            print("skipped: openocd is not installed (apt install openocd)")
            return
        }
        #expect(log.contains("STM32L55/L56xx - Rev B : 0x2000"), "\(log)")
        #expect(log.contains("TZEN = 0"), "\(log)")
        #expect(log.contains("RDP level 0 (0xAA)"), "\(log)")
        #expect(log.contains("flash size = 512 KiB"), "\(log)")
        #expect(log.contains("flash mode : dual-bank"), "\(log)")
        // An erased flash: the vector table reads all ones, so the core halts with PC 0xFFFFFFFE.
        #expect(log.contains("halted due to"), "\(log)")
        #expect(log.contains("pc: 0xfffffffe"), "\(log)")
    }

    /// OpenOCD's stm32l4x driver without a work area writes the image straight through the
    /// access port; FlashScope then holds every byte, and `log` shows the client's sessions.
    @Test func openocdWritesAHexImageWithoutALoader() throws {
        let (runner, served) = try Self.served()
        let image = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/application.hex").path
        guard let (_, log) = try served.openocd(["reset halt", "flash write_image erase \(image)"], workArea: false)
        else {
            _ = served.stop()
            print("skipped: openocd is not installed (apt install openocd)")
            return
        }
        let (status, serveLog) = served.stop()
        #expect(status == 0, "\(serveLog)")
        #expect(log.contains("falling back to programming without a flash loader"), "\(log)")
        #expect(!log.contains("failed erasing"), "\(log)")
        let verify = try runner.run(["verify", image])
        #expect(verify.status == 0, "\(verify.text)\(verify.stderr)")
        #expect(verify.text.contains("the device holds all"), "\(verify.text)")
        let history = try runner.run(["log"])
        #expect(history.text.contains("debug-session"), "\(history.text)")
        #expect(history.text.contains("pages erased"), "\(history.text)")
        #expect(history.text.contains("bytes programmed"), "\(history.text)")
        // The client's work is one undoable history: undo twice and the flash is erased again.
        try runner.run(["undo"])
        try runner.run(["undo"])
        let after = try runner.run(["verify", image])
        #expect(after.status != 0, "undone, the image is gone")
    }

    /// `flash erase_sector` erases the page OpenOCD names: in dual-bank mode (DBANK=1) sector 1
    /// of bank 1 is the 2 KiB page at 0x08000800, and nothing else changes.
    @Test func openocdErasesOneSectorInDualBankMode() throws {
        let runner = try CommandRunner()
        try runner.run(["init"])
        let image = try runner.file("three.bin", bytes: [UInt8](repeating: 0x5A, count: 3 * 2048))
        try runner.run(["program", image, "--address", "0x08000000"])
        let served = try ServedDevice(runner)
        guard let (_, log) = try served.openocd(["reset halt", "flash erase_sector 0 1 1"], workArea: false) else {
            _ = served.stop()
            print("skipped: openocd is not installed (apt install openocd)")
            return
        }
        _ = served.stop()
        #expect(!log.contains("Error: failed"), "\(log)")
        let dump = runner.directory.appendingPathComponent("dump.bin").path
        try runner.run(["read", "0x08000000", "6144", "--output", dump, "--format", "bin"])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dump))
        #expect(bytes.prefix(2048).allSatisfy { $0 == 0x5A }, "page 0 untouched")
        #expect(bytes.dropFirst(2048).prefix(2048).allSatisfy { $0 == 0xFF }, "page 1 erased")
        #expect(bytes.dropFirst(4096).allSatisfy { $0 == 0x5A }, "page 2 untouched")
    }
}
