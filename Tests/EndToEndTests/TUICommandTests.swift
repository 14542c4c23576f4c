import Foundation
import Testing

/// How `flashscope` (the terminal UI) fails where it cannot run: one line, a documented status.
@Suite struct TUICommandTests {
    @Test func withoutATerminalItSaysSoAndExits69() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        for arguments in [[], ["tui"]] {
            let output = try cli.run(arguments)
            #expect(output.status == 69)
            #expect(output.stderr.hasPrefix("flashscope: standard "))
            #expect(output.stderr.contains("is not a terminal; use the command line instead"))
            #expect(output.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func unknownThemeIsAUsageError() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let output = try cli.run(["tui", "--theme", "no-such-theme"])
        #expect(output.status == 64)
        #expect(output.stderr.hasPrefix("flashscope: --theme no-such-theme: no such theme"))
        #expect(try cli.run(["--theme", "/no/such/theme.toml"]).status == 66)
        #expect(try cli.run([], environment: ["FLASHSCOPE_THEME": "no-such-theme"]).status == 64)
    }

    @Test func shippedThemesAreFoundByName() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        for theme in ["default", "monochrome", "high-contrast"] {
            // Past theme loading, it stops only for want of a terminal.
            #expect(try cli.run(["tui", "--theme", theme]).status == 69, "\(theme)")
        }
    }
}
