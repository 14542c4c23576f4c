import Foundation
import Testing

/// The mouse through a real terminal: tmux delivers the SGR (1006) reports the UI asks for, typed
/// here as the bytes a terminal sends (`send-keys -M` only replays a mouse event tmux itself received).
@Suite(.serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct TUIMouseSessionTests {
    @Test func aClickPastColumn223AndTheWheelReachTheUI() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let command = "'\(CommandRunner.executable.path)' --device '\(cli.device)'; echo EXIT=$?; sleep 30"
        let tmux = try Tmux(command: command, width: 300, height: 60)
        defer { tmux.kill() }
        let screen = try tmux.wait(for: "OCTOSPI · 0x90000000")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let firstRow = try #require(lines.firstIndex { $0.hasPrefix("│    0 ") }, "the OCTOSPI map's first row")
        // Column 231 (one-based) is 0-based 230: cell group 24, cell 7 of the row (cells from column 7,
        // groups of 8 and a space), cell 199; at 300 columns a cell is 8 sectors, so sectors 1592-1599.
        // X10 cannot say column 231 at all: its column byte ends at 223.
        try tmux.type("\u{1B}[<0;231;\(firstRow + 1)M\u{1B}[<0;231;\(firstRow + 1)m")
        try tmux.wait(for: "Page index: 0x90638000 (OCTOSPI)")
        #expect(try tmux.screen().contains("sectors 1592–1599"))
        // The wheel over the hex view (column 20, some rows under the maps): a hex row of 32 bytes on.
        let hexRow = try #require(lines.firstIndex { $0.hasPrefix("│08000000 ") }, "the hex view")
        try tmux.type("\u{1B}[<65;20;\(hexRow + 3)M")
        try tmux.wait(for: "Page index: 0x90638020 (OCTOSPI)")
        // Keys still arrive whole after the reports, and Escape alone is still Escape.
        try tmux.send("Escape", "?")
        try tmux.wait(for: "Show or hide this list of keys")
        try tmux.send("Escape", "q")
        try tmux.wait(for: "EXIT=0")
    }
}
