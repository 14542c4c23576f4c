import Foundation
import Testing

/// What the server has to say about a `load` reaches gdb's console where gdb prints it. gdb 13
/// shows `O` packets only in answer to `monitor` and while it waits for a stop (debug-port.md §7):
/// one sent in answer to vFlashDone is taken as the reply itself. So a warning known before the
/// load comes with the monitor command that sets it up, and what the load found comes with the
/// next stop or monitor command, once.
@Suite(.serialized) struct GDBConsoleTests {
    @Test func thePitfallWarningComesWithMonitorAlgorithmBeforeTheLoadFails() throws {
        guard let (_, server) = try GDBServeTests.served(setup: [["ob", "set", "DBANK=0", "--launch"]]) else { return }
        defer { _ = server.stop() }
        let first = try server.elf("first", bytes: pattern(0x1000, seed: 1), at: 0x0801_0000)
        _ = try server.gdb(["load"], file: first)
        let second = try server.elf("second", bytes: pattern(0x1000, seed: 2), at: 0x0801_0000)
        let (_, output) = try server.gdb(
            ["monitor algorithm bank-aware", "monitor algorithm assume-dual-bank", "load", "monitor result"],
            file: second)
        let warning = try #require(output.range(of: "warning: this chip runs single bank (DBANK=0, 4 KiB pages)"))
        let failure = try #require(output.range(of: "Error finishing flash operation"), "\(output)")
        #expect(warning.upperBound <= failure.lowerBound, "\(output)")
        // The bank-aware algorithm follows the layout: no warning for it.
        #expect(output.components(separatedBy: "warning: this chip runs").count == 2, "\(output)")
        #expect(output.contains("PROGERR at 0x08010000"), "\(output)")
    }

    @Test func whatTheLoadFoundComesWithTheNextStopOnce() throws {
        guard let (_, server) = try GDBServeTests.served() else { return }
        defer { _ = server.stop() }
        guard !server.log.contains("core: not emulated") else {
            return print("skipped: serve runs no emulated core here (apt-get install libunicorn2)")
        }
        // 0x801 bytes: gdb 13 leaves the block holding only the last byte unerased (debug-port.md §7).
        let elf = try server.elf("edge", bytes: pattern(0x801, seed: 5), at: 0x0800_0000)
        let (status, output) = try server.gdb(
            ["load", "stepi", "echo --after-stepi--\\n", "monitor result"], file: elf)
        #expect(status == 0, "\(output)")
        let explanation = "gdb wrote to the block at 0x08000800 without erasing it"
        let said = try #require(output.range(of: explanation), "\(output)")
        let marker = try #require(output.range(of: "--after-stepi--"), "\(output)")
        #expect(said.upperBound <= marker.lowerBound, "arrives with the stepi's stop: \(output)")
        #expect(output.components(separatedBy: explanation).count == 2, "once: \(output)")
        // The server's own counters for the load (scripts/bench-gdb prints them).
        #expect(server.log.contains("load timings: "), "\(server.log)")
    }
}
