import Foundation
import Testing

/// How the command line starts: mistyped commands, `--version`, and the UI on a terminal that
/// cannot draw it.
@Suite struct StartupCommandTests {
    @Test func aMistypedCommandIsNamedWithTheNearestOne() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let before = cli.deviceFingerprint()
        let output = try cli.run(["progrm", "x.hex"])
        #expect(output.status == 64)
        #expect(output.stderr == "flashscope: unknown command 'progrm'; did you mean 'program'?\n")
        #expect(output.text.isEmpty)
        #expect(try cli.run(["verfy", "x.hex"]).stderr.contains("did you mean 'verify'?"))
        #expect(try cli.run(["snapshots", "list"]).stderr.contains("did you mean 'snapshot'?"))
        #expect(cli.deviceFingerprint() == before, "nothing ran")
    }

    @Test func aWordFarFromEveryCommandListsThem() throws {
        let cli = try CommandRunner()
        let output = try cli.run(["firmware.hex"])
        #expect(output.status == 64)
        #expect(output.stderr.hasPrefix("flashscope: unknown command 'firmware.hex' (commands: tui, info, "))
        #expect(output.stderr.split(separator: "\n").count == 1)
    }

    @Test func realCommandsAndOptionsStillParse() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        #expect(try cli.run(["help", "program"], useDevice: false).status == 0)
        #expect(try cli.run(["locate", "0x08000000"]).status == 0)
        // Options before the command go to the UI, which then wants a terminal.
        #expect(try cli.run(["--theme", "monochrome"]).status == 69)
    }

    @Test func versionIsPrinted() throws {
        let cli = try CommandRunner()
        let output = try cli.run(["--version"], useDevice: false)
        #expect(output.status == 0)
        let version = output.text.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version.split(separator: ".").count == 3 && version.allSatisfy { $0.isNumber || $0 == "." })
    }

    /// README: on an unusable TERM the UI prints one line and exits 69; TERM=dumb has no cursor
    /// addressing, so it is one, even on a real terminal.
    @Test(.enabled(if: Tmux.isAvailable, "tmux is not installed"))
    func termDumbIsRefusedWithOneLine() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let command =
            "TERM=dumb '\(CommandRunner.executable.path)' --device '\(cli.device)' 2>&1; echo EXIT=$?; sleep 30"
        let tmux = try Tmux(command: command, width: 120, height: 10)
        defer { tmux.kill() }
        let screen = try tmux.wait(for: "EXIT=")
        #expect(screen.contains("EXIT=69"), "\(screen)")
        #expect(
            screen.contains(
                "flashscope: cannot start the terminal UI with TERM=dumb; use the command line instead (flashscope --help)"
            ), "\(screen)")
    }
}
