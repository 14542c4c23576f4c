import Foundation
import Testing

/// The real binary's terminal UI in tmux, through a whole session; the device file
/// is then checked through the command line.
@Suite(.serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct TUISessionTests {
    private func read(_ cli: CommandRunner, _ address: String, _ count: Int = 4) throws -> [UInt8] {
        [UInt8](try cli.run(["read", address, String(count)]).stdout)
    }

    private func kinds(_ cli: CommandRunner) throws -> [String] {
        let log = try cli.run(["log", "--json"]).json() as? [[String: Any]] ?? []
        return log.filter { ($0["undone"] as? Bool) != true }.compactMap { $0["kind"] as? String }
    }

    /// A FIFO typed at the P prompt is refused at once, before an address is asked; the UI stays live.
    @Test func aFIFOAtTheProgramPromptDoesNotFreezeTheUI() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let fifo = cli.directory.appendingPathComponent("pipe.hex").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let command =
            "cd '\(cli.directory.path)' && '\(CommandRunner.executable.path)' --device '\(cli.device)'; echo EXIT=$?; sleep 30"
        let tmux = try Tmux(command: command)
        defer { tmux.kill() }
        try tmux.wait(for: "PNB 0 BKER 0")
        try tmux.send("P")
        try tmux.wait(for: "File to program")
        try tmux.type("pipe.hex")
        try tmux.send("Enter")
        // Checked before anything else is asked: the file prompt again, saying why.
        let screen = try tmux.wait(for: "is a FIFO")
        #expect(!screen.contains("Address for"))
        try tmux.send("Escape", "q")
        try tmux.wait(for: "EXIT=0")
    }

    @Test func wholeSession() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        _ = try cli.file("app.bin", bytes: (0..<3000).map { UInt8($0 % 251) })
        let command =
            "cd '\(cli.directory.path)' && '\(CommandRunner.executable.path)' --device '\(cli.device)'; echo EXIT=$?; sleep 30"
        let tmux = try Tmux(command: command)
        defer { tmux.kill() }

        try tmux.wait(for: "PNB 0 BKER 0")
        try tmux.send("l", "l")
        try tmux.wait(for: "0x08001000 PNB 2 BKER 0")
        try tmux.send("g")
        try tmux.type("0x08040800")
        try tmux.send("Enter")
        try tmux.wait(for: "0x08040800 PNB 1 BKER 1")

        try tmux.send("D")
        // The status once the staging has finished (while it runs, the bottom line names it too).
        var screen = try tmux.wait(for: "staged DBANK 1 → 0")
        #expect(screen.contains("PNB 64 BKER 0"), "the page index shows the location after launch")
        try tmux.send("L")
        try tmux.wait(for: "Launch the option bytes")
        try tmux.send("y")
        screen = try tmux.wait(for: "now: DBANK=0 SWAP_BANK=0")
        #expect(!screen.contains("Bank 2"), "one grid in single-bank mode")
        try tmux.wait(for: "PNB 64 BKER 0")

        try tmux.send("E")
        try tmux.wait(for: "Erase the page at 0x08040000")
        try tmux.send("y")
        try tmux.wait(for: "1 page erased")

        try tmux.send("g")
        try tmux.type("0x08000000")
        try tmux.send("Enter", "P")
        try tmux.wait(for: "File to program")
        try tmux.type("app")
        try tmux.send("Tab")
        try tmux.wait(for: "Tab completes): app.bin")
        try tmux.send("Enter")
        try tmux.wait(for: "Address for the binary file app.bin: 0x08000000")
        try tmux.send("Enter")
        try tmux.wait(for: "Program 3000 bytes of app.bin at 0x08000000?")
        try tmux.send("y")
        try tmux.wait(for: "bytes programmed")

        #expect(try kinds(cli) == ["option-bytes", "launch", "erase", "program"])
        #expect(try read(cli, "0x08000000") == [0, 1, 2, 3])
        let options = try cli.run(["ob", "--json"]).object()
        #expect((options["effective"] as? [String: Any])?["OPTR"] as? String == "0x7FAFF8AA", "DBANK=0 in force")

        try tmux.send("u")
        try tmux.wait(for: "undid operation 4: program app.bin")
        #expect(try read(cli, "0x08000000") == [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(try kinds(cli) == ["option-bytes", "launch", "erase"])

        // Redo puts the program back, and says what it redid.
        try tmux.send("r")
        try tmux.wait(for: "redid operation 4: program app.bin")
        #expect(try read(cli, "0x08000000") == [0, 1, 2, 3])
        #expect(try kinds(cli) == ["option-bytes", "launch", "erase", "program"])

        // The log viewer: messages in full, then the history as the journal keeps it.
        try tmux.send("m")
        try tmux.wait(for: "Log: [Messages] Trace History")
        try tmux.send("Tab")
        try tmux.wait(for: "Log: Messages [Trace] History")
        try tmux.send("Tab")
        screen = try tmux.wait(for: "Log: Messages Trace [History]")
        try tmux.wait(for: "tui: program app.bin")
        try tmux.send("Escape")

        // Step mode: run straight to the STRT write of an erase, then abandon it.
        try tmux.send("t", "E")
        try tmux.wait(for: "Erase the page at 0x08000000")
        try tmux.send("y")
        try tmux.wait(for: "n steps, c commits, x abandons")
        try tmux.send("s")
        screen = try tmux.wait(for: "to the next start")
        #expect(screen.contains("STRT=1"), "the step panel shows the STRT write")
        try tmux.send("x")
        try tmux.wait(for: "abandoned erase page at 0x08000000: nothing committed")
        #expect(try read(cli, "0x08000000") == [0, 1, 2, 3], "abandoned: the device is unchanged")

        try tmux.send("q")
        try tmux.wait(for: "EXIT=0")
    }

    /// A 2 MiB program onto the OCTOSPI flash works while the screen draws its progress; Esc
    /// stops it part-way, nothing is saved, and the device file is as it was.
    @Test func escCancelsALongOctoSPIProgram() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        _ = try cli.file("big.bin", bytes: (0..<(2 << 20)).map { UInt8(truncatingIfNeeded: $0 / 5) })
        let command =
            "cd '\(cli.directory.path)' && '\(CommandRunner.executable.path)' --device '\(cli.device)'; echo EXIT=$?; sleep 30"
        let tmux = try Tmux(command: command)
        defer { tmux.kill() }
        try tmux.wait(for: "PNB 0 BKER 0")
        let before = cli.deviceFingerprint()
        try tmux.send("P")
        try tmux.wait(for: "File to program")
        try tmux.type("big.bin")
        try tmux.send("Enter")
        try tmux.wait(for: "Address for the binary file big.bin")
        try tmux.send("C-u")
        try tmux.type("0x90000000")
        try tmux.send("Enter")
        // The plan runs off the update loop as well, then the confirmation asks.
        try tmux.wait(for: "Program 2097152 bytes of big.bin at 0x90000000?", timeout: .seconds(120))
        try tmux.send("y")
        var seen = Set<String>()
        try tmux.wait(for: "the progress line moving", timeout: .seconds(120)) { screen in
            guard let line = screen.split(separator: "\n").last(where: { $0.hasPrefix("program big.bin: ") }),
                let mark = line.range(of: "% (")
            else { return false }
            seen.insert(String(line[..<mark.lowerBound].suffix(3)))
            return seen.count >= 2 && line.contains("Esc Cancel")
        }
        try tmux.send("Escape")
        try tmux.wait(for: "cancelled program big.bin: nothing saved, the device is unchanged", timeout: .seconds(60))
        try tmux.send("q")
        try tmux.wait(for: "EXIT=0")
        #expect(cli.deviceFingerprint() == before, "the device file is byte for byte as it was")
        #expect(try kinds(cli).isEmpty, "nothing was journaled")
        #expect(try read(cli, "0x90000000") == [0xFF, 0xFF, 0xFF, 0xFF])
    }

    @Test func externalChangesShowLive() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let command = "'\(CommandRunner.executable.path)' --device '\(cli.device)'; echo EXIT=$?; sleep 30"
        let tmux = try Tmux(command: command, width: 80, height: 24)
        defer { tmux.kill() }
        try tmux.wait(for: "DBANK=1 SWAP_BANK=0")
        #expect(try cli.run(["ob", "set", "SWAP_BANK=1"]).status == 0)
        try tmux.wait(for: "pending SWAP_BANK=1")
        try tmux.send("q")
        try tmux.wait(for: "EXIT=0")
    }

    @Test func tooSmallThenResized() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let command = "'\(CommandRunner.executable.path)' --device '\(cli.device)'; echo EXIT=$?; sleep 30"
        let tmux = try Tmux(command: command, width: 60, height: 20)
        defer { tmux.kill() }
        try tmux.wait(for: "terminal too small")
        try tmux.resize(width: 100, height: 30)
        try tmux.wait(for: "DBANK=1 SWAP_BANK=0")
        try tmux.send("q")
        try tmux.wait(for: "EXIT=0")
    }
}
