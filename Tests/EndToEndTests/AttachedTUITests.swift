import Attach
import Foundation
import GDBRemote
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 17, items 2 and 3 in the UI: `flashscope tui --attach` through the chain of real
/// third-party software (OpenOCD's gdb port -> OpenOCD -> remote_bitbang -> `flashscope serve`):
/// the screen reads the served device lazily, `R` reads it again after it changed behind the
/// screen's back, and with `--live --halt` a page erase confirmed with `y` runs on the chip.
@Suite(.serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct AttachedTUITests {
    @Test func showsTheServedBoardRereadsItOnRAndErasesAPageLive() throws {
        guard ServedDevice.openocdPath != nil else { return print(OpenOCDBench.skipMessage) }
        let runner = try CommandRunner()
        try runner.run(["init", "--part", "STM32L552xC"])
        let low = try runner.file("low.bin", bytes: (0..<3000).map { UInt8(truncatingIfNeeded: $0 * 13 + 1) })
        #expect(try runner.run(["program", low, "--address", "0x08000100"]).status == 0)
        let chain = try AttachChainTests.Chain(runner)
        defer { chain.stop() }
        let tmux = try Tmux(
            command: "cd '\(runner.directory.path)' && '\(CommandRunner.executable.path)' tui --attach "
                + "\(chain.server) --timeout 30000 --live --halt; echo EXIT=$?; sleep 30")
        defer { tmux.kill() }

        // The page under the cursor comes first; the whole board (256 KiB at about 16 KiB/s) after it.
        try tmux.wait(for: "attached \(chain.server): STM32L552xC, RDP 0, core halted", timeout: .seconds(60))
        try tmux.wait(for: "08000100  01 0E 1B 28", timeout: .seconds(60))
        try tmux.wait(for: " · read at ", timeout: .seconds(120))

        // The served device changes behind the screen's back, through serve's own gdb port.
        guard let servedGDB = ServerAddress("127.0.0.1:\(chain.served.port)") else { return }
        let (client, channel) = try servedGDB.connect(timeout: 10000)
        #expect(try client.request("vFlashErase:08000000,800") == Array("OK".utf8))
        #expect(try client.request("vFlashDone") == Array("OK".utf8))
        try client.detach()
        channel.close()
        #expect(try tmux.screen().contains("08000100  01 0E 1B 28"), "the screen shows the board as it read it")
        try tmux.send("R")
        try tmux.wait(for: "08000100  FF FF FF FF", timeout: .seconds(60))

        // Page 1 still holds the file's bytes: erase it on the chip.
        try tmux.send("l")
        try tmux.wait(for: "08000800  01 0E 1B 28", timeout: .seconds(60))
        try tmux.send("E")
        try tmux.wait(for: "on the REAL CHIP at \(chain.server)?", timeout: .seconds(30))
        try tmux.send("y")
        let verdict = try tmux.wait(for: "the verdict", timeout: .seconds(120)) {
            $0.contains("on the chip: the chip did") || $0.contains("on the chip: the connection")
        }
        #expect(
            verdict.contains("erase page at 0x08000800 on the chip: the chip did what the model predicted"),
            "\(verdict)")
        try tmux.wait(for: "08000800  FF FF FF FF", timeout: .seconds(60))
        try tmux.send("q")
        try tmux.wait(for: "EXIT=0", timeout: .seconds(30))
        // FlashScope itself reads the served device file: page 1 erased, page 0 as the served side left it.
        #expect(try chain.servedBytes("0x08000800", 0x800) == Data(repeating: 0xFF, count: 0x800))
        #expect(try chain.servedBytes("0x08000000", 0x800) == Data(repeating: 0xFF, count: 0x800))
        #expect(try chain.servedBytes("0x08001000", 0x100) == Data(repeating: 0xFF, count: 0x100))
    }

    /// Nothing listening: attach's one line and exit status, before any screen opens.
    @Test func aClosedPortIsOneLineAndExit69() throws {
        let runner = try CommandRunner()
        let port = try FakeGDBServer { _ in nil }.port
        let result = try runner.run(["tui", "--attach", "127.0.0.1:\(port)", "--timeout", "500"], useDevice: false)
        #expect(result.status == 69)
        #expect(result.stderr.hasPrefix("flashscope: attach: 127.0.0.1:\(port): "), "\(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        #expect(result.stdout.isEmpty, "no screen")
    }

    @Test func attachWithAListenerOrADeviceIsAUsageError() throws {
        let runner = try CommandRunner()
        for arguments in [
            ["tui", "--attach", "127.0.0.1:3333", "--gdb", "0"],
            ["tui", "--attach", "127.0.0.1:3333", "--remote-bitbang", "0"],
            ["tui", "--attach", "127.0.0.1:3333", "--device", "x.fsdev"], ["tui", "--live"],
            ["tui", "--attach", "nowhere"],
        ] {
            let result = try runner.run(arguments, useDevice: false)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
        }
    }
}
