import Foundation
import Testing

/// `w` and `v` in the real binary: the file written is the flash's bytes, an existing one is replaced
/// only on a second Enter, and verify names each differing range.
@Suite(.serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct TUISaveSessionTests {
    @Test func saveAPageThenVerifyAFile() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let bytes = (0..<3000).map { UInt8($0 % 251) }
        let app = try cli.file("app.bin", bytes: bytes)
        try cli.run(["program", app, "--address", "0x08000000"])
        let command =
            "cd '\(cli.directory.path)' && '\(CommandRunner.executable.path)' --device '\(cli.device)'; echo EXIT=$?; sleep 30"
        let tmux = try Tmux(command: command, width: 240, height: 60)
        defer { tmux.kill() }
        try tmux.wait(for: "PNB 0 BKER 0")

        try tmux.send("l", "w")
        try tmux.wait(for: "0x08000800-0x08000FFF")
        try tmux.send("Enter")
        try tmux.wait(for: "Save 0x08000800–0x08000FFF (2048 bytes) to file")
        try tmux.type("page1.bin")
        try tmux.send("Enter")
        let saved = cli.directory.appendingPathComponent("page1.bin").path
        try tmux.wait(for: "saved 2048 bytes 0x08000800–0x08000FFF to page1.bin (binary)")
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: saved)))
        #expect(written == Array(bytes[2048..<3000]) + [UInt8](repeating: 0xFF, count: 2 * 2048 - 3000))

        // Again: the file is there, so the first Enter only warns and leaves it.
        try tmux.send("w", "Enter")
        try tmux.type("page1.bin")
        try tmux.send("Enter")
        try tmux.wait(for: "exists: Enter replaces it")
        try tmux.send("Escape", "g")
        try tmux.type("0x08000000")
        try tmux.send("Enter", "w", "Enter")
        try tmux.type("page1.bin")
        try tmux.send("Enter")
        try tmux.wait(for: "exists: Enter replaces it")
        try tmux.send("Enter")
        try tmux.wait(for: "saved 2048 bytes 0x08000000–0x080007FF")
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: saved))) == Array(bytes[0..<2048]))

        // A file one byte off: P reads it, n keeps it loaded unprogrammed, v names the range.
        var other = bytes
        other[100] = 0x00
        _ = try cli.file("other.bin", bytes: other)
        try tmux.send("P")
        try tmux.type("other.bin")
        try tmux.send("Enter")
        try tmux.wait(for: "Address for the binary file")
        try tmux.send("Enter")
        try tmux.wait(for: "Program 3000 bytes of")
        try tmux.send("n")
        try tmux.send("v")
        try tmux.wait(for: "other.bin: 1 of 3000 bytes differ in 1 range")
        try tmux.wait(for: "0x08000064: file 0x00, flash 0x64")
        try tmux.send("q")
        try tmux.wait(for: "EXIT=0")
        #expect(try cli.run(["read", "0x08000064", "1"]).stdout == Data([0x64]), "the flash is as it was")
    }
}
