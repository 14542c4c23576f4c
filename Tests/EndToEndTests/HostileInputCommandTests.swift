import Foundation
import Testing

/// Input that is not a firmware file, and output that cannot be written: a one-line error
/// and a documented status, never a hang, a trap or exit 0 with lost output.
@Suite(.serialized) struct HostileInputCommandTests {
    private func initialized() throws -> CommandRunner {
        let cli = try CommandRunner()
        #expect(try cli.run(["init"]).status == 0)
        return cli
    }

    @Test func aFIFOIsRefusedAtOnce() throws {
        let cli = try initialized()
        let fifo = cli.directory.appendingPathComponent("pipe.hex").path
        #expect(mkfifo(fifo, 0o644) == 0)
        for arguments in [
            ["program", fifo], ["verify", fifo], ["convert", fifo, "out.hex"],
            ["import-dump", fifo, "--address", "0x08000000"],
        ] {
            let output = try cli.run(arguments, useDevice: arguments[0] != "convert")
            #expect(output.status == 66, "\(arguments[0])")
            #expect(output.stderr.contains("is a FIFO"), "\(arguments[0]): \(output.stderr)")
        }
    }

    @Test func dataOutsideTheFlashNamesTheFileAndLine() throws {
        let cli = try initialized()
        // Lines 1-2 put data in flash; line 3 sets the upper address 0x2000; line 4 lands in SRAM.
        let text = ":020000040800F2\n:0400000001020304F2\n:020000042000DA\n:0400100005060708D2\n:00000001FF\n"
        let file = try cli.file("sram.hex", bytes: Array(text.utf8))
        let output = try cli.run(["program", file])
        #expect(output.status == 65)
        #expect(output.stderr.contains("sram.hex: line 4: 0x20000010:"), "\(output.stderr)")
    }

    @Test func aDeviceFileIsNoFirmware() throws {
        let cli = try initialized()
        let output = try cli.run(["program", "/dev/zero", "--format", "hex"])
        #expect(output.status == 66)
        #expect(
            output.stderr
                == "flashscope: /dev/zero: cannot read file: is a device, not a regular file; FlashScope reads only regular files\n"
        )
    }

    @Test func aLineLongerThanAnyRecordIsAnErrorAtThatLine() throws {
        let cli = try initialized()
        let lines = ":0400000001020304F2\n" + String(repeating: "A", count: 2 << 20) + "\n"
        let file = try cli.file("long.hex", bytes: Array(lines.utf8))
        let output = try cli.run(["program", file])
        #expect(output.status == 65)
        #expect(output.stderr.contains("long.hex:2:1: a line longer than"))
    }

    /// Runs with standard output on /dev/full, as `flashscope log > file-on-a-full-disk` would.
    private func runToFullDisk(_ cli: CommandRunner, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = arguments + ["--device", cli.device]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test func outputToAFullDiskIsExit74() throws {
        let cli = try initialized()
        for arguments in [["log"], ["info"], ["ob"], ["read", "0x08000000", "0x1000"], ["info", "--json"]] {
            let (status, text) = try runToFullDisk(cli, arguments)
            #expect(status == 74, "\(arguments)")
            #expect(text.contains("No space left on device"), "\(arguments): \(text)")
        }
    }

    @Test func aDeviceErrorAlsoSaysSoOnStandardError() throws {
        let cli = try initialized()
        #expect(try cli.run(["ob", "set", "WRP1A_PSTRT=0", "WRP1A_PEND=0", "--launch"]).status == 0)
        let output = try cli.run(["erase", "0x08000000"])
        #expect(output.status == 1)
        #expect(
            output.stderr == "flashscope: erase with bank-aware: the device reported an error: WRPERR at 0x08000000\n")
    }
}
