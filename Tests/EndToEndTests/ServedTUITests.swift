import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 15, item 5: `flashscope tui --remote-bitbang` serves the device to unmodified OpenOCD while the
/// screen follows it; with `t` the UI holds OpenOCD at each flash-controller access, so a user steps
/// through the driver's own page erase (stm32l5-flash.md §5: keys, PER and PNB, STRT), then lets it finish.
@Suite(.serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct ServedTUITests {
    @Test func stepsThroughOpenOCDsPageEraseThenLetsItFinish() throws {
        guard ServedDevice.openocdPath != nil else { return print(OpenOCDBench.skipMessage) }
        let cli = try CommandRunner()
        try cli.run(["init"])
        _ = try cli.file("page1.bin", bytes: [UInt8](repeating: 0x5A, count: 64))
        try cli.run(["program", "page1.bin", "--address", "0x08000800"])
        let tmux = try Self.servingUI(cli)
        defer { tmux.kill() }
        let listening = try tmux.wait(for: "listening: remote-bitbang 127.0.0.1:")
        let port = try #require(Self.port(in: listening), "\(listening)")
        // The cursor on page 1: its hex view shows what the client is about to erase.
        try tmux.send("l")
        try tmux.wait(for: "08000800  5A 5A 5A 5A")
        try tmux.send("t")
        try tmux.wait(for: "served · holding")

        let launched = try ServedDevice.launchOpenOCD(
            port: port, ["reset halt", "flash erase_sector 0 1 1"], workArea: false)
        let (openocd, pipe) = try #require(launched)
        defer { if openocd.isRunning { openocd.terminate() } }
        var screen = try tmux.wait(for: "SERVED · HELD", timeout: .seconds(60))
        #expect(screen.contains("from JTAG/AP"), "\(screen)")
        // Step access by access until the STRT write that starts the erase has been made.
        var steps = 0
        var sawKeys = false
        var sawStart = false
        while steps < 200 && !sawStart {
            let before = Self.heldAccess(in: screen)
            try tmux.send("n")
            steps += 1
            screen = try tmux.wait(for: "the next held access", timeout: .seconds(30)) { now in
                now.contains("SERVED · HELD") && Self.heldAccess(in: now) != before
            }
            sawKeys = sawKeys || screen.contains("write NSKEYR ← 0xCDEF89AB")
            sawStart = Self.heldAccess(in: screen)?.contains("STRT=1") == true
        }
        #expect(sawKeys, "the second key was written while held")
        #expect(sawStart, "stepped to the STRT write in \(steps) steps:\n\(screen)")
        // The client waits for the answers: it has not finished the erase.
        #expect(openocd.isRunning)
        try tmux.send("c")
        try tmux.wait(for: "served  ")
        openocd.waitUntilExit()
        let log = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(openocd.terminationStatus == 0 && !log.contains("failed"), "\(log)")
        // The screen followed the client: page 1 is erased in the hex view.
        try tmux.wait(for: "08000800  FF FF FF FF", timeout: .seconds(30))
        try tmux.send("q")
        try tmux.wait(for: "EXIT=0")
        let history = try cli.run(["log"]).text
        #expect(history.contains("debug-session\tok\t1 page erased"), "\(history)")
        #expect([UInt8](try cli.run(["read", "0x08000800", "4"]).stdout) == [0xFF, 0xFF, 0xFF, 0xFF])
    }

    /// A second listener's clients are refused while one is connected, as under `serve`; quitting the
    /// UI with a client connected ends its session and keeps what it did.
    @Test func quittingWithAClientConnectedSavesWhatItDid() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let tmux = try Self.servingUI(cli)
        defer { tmux.kill() }
        let listening = try tmux.wait(for: "listening: remote-bitbang 127.0.0.1:")
        let port = try #require(Self.port(in: listening))
        let socket = try ServedDevice.connect(host: "127.0.0.1", port: port)
        let probe = SocketProbe(socket: socket)
        try probe.connect()
        try tmux.wait(for: "Client: remote-bitbang client 127.0.0.1:")
        try probe.programOTP(at: 0x0BFA_0020, low: 0x0403_0201, high: 0x0807_0605)
        // The panel follows: the last key written shows (key registers read as zero).
        try tmux.wait(for: "last key=0xCDEF89AB")
        try tmux.send("q")
        try tmux.wait(for: "EXIT=0")
        close(socket)
        #expect([UInt8](try cli.run(["read", "0x0BFA0020", "8"]).stdout) == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(try cli.run(["log"]).text.contains("debug-session"))
    }

    /// The UI on the device, serving it on a free remote_bitbang port.
    private static func servingUI(_ cli: CommandRunner) throws -> Tmux {
        try Tmux(
            command: "cd '\(cli.directory.path)' && '\(CommandRunner.executable.path)' tui --device '\(cli.device)' "
                + "--remote-bitbang 0; echo EXIT=$?; sleep 30")
    }

    private static func port(in screen: String) -> UInt16? {
        guard let range = screen.range(of: "remote-bitbang 127.0.0.1:") else { return nil }
        return UInt16(screen[range.upperBound...].prefix { $0.isNumber })
    }

    /// The `#N read/write …` line of the client panel.
    private static func heldAccess(in screen: String) -> String? {
        for line in screen.split(separator: "\n") {
            guard let start = line.range(of: "│#") else { continue }
            return String(line[start.upperBound...])
        }
        return nil
    }
}
