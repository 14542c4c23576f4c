import Foundation
import Testing

/// The "Exact results" regressions as a user meets them: through the command line, checked
/// against what the device holds afterwards.
@Suite(.serialized) struct ExactResultsCommandTests {
    private static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples")

    private func bootloaderDevice() throws -> (CommandRunner, Data) {
        let cli = try CommandRunner()
        #expect(try cli.run(["init"]).status == 0)
        #expect(try cli.run(["program", Self.examples.appendingPathComponent("bootloader.hex").path]).status == 0)
        let before = try cli.run(["read", "0x08000000", "0x1800"]).stdout
        #expect(before.count == 0x1800)
        return (cli, before)
    }

    /// `init; program bootloader.hex; printf HELLO > s.bin; program s.bin --address 0x0C000100`.
    @Test func secureAliasProgramIsRefusedWithTrustZoneOff() throws {
        let (cli, before) = try bootloaderDevice()
        let hello = try cli.file("s.bin", bytes: Array("HELLO".utf8))
        let program = try cli.run(["program", hello, "--address", "0x0C000100"])
        #expect(program.status == 65)
        #expect(program.stderr.contains("0x0C000100: the secure alias answers only with TrustZone on"))
        #expect(program.stderr.split(separator: "\n").count == 1)
        #expect(try cli.run(["read", "0x08000000", "0x1800"]).stdout == before, "the device is unchanged")
        #expect(try cli.run(["erase", "0x0C000000", "--length", "0x800"]).status == 65)
        #expect(try cli.run(["read", "0x0C000000", "16"]).status == 65)
        #expect(try cli.run(["verify", hello, "--address", "0x0C000100"]).status == 65)
    }

    @Test func secureAliasProgramUnderMirrorChangesOnlyTheTwinBytes() throws {
        let (cli, before) = try bootloaderDevice()
        #expect(try cli.run(["assume", "secure-alias-without-tz=mirror"]).status == 0)
        let hello = try cli.file("s.bin", bytes: Array("HELLO".utf8))
        let program = try cli.run(["program", hello, "--address", "0x0C000100", "--json"])
        #expect(program.status == 0)
        let object = try program.object()
        #expect(object["bytesProgrammed"] as? Int == 5)
        #expect((object["erased"] as? [[String: Any]])?.count == 1)
        var expected = before
        expected.replaceSubrange(0x100..<0x105, with: Data("HELLO".utf8))
        #expect(try cli.run(["read", "0x08000000", "0x1800"]).stdout == expected)
        #expect(try cli.run(["verify", hello, "--address", "0x0C000100"]).status == 0)
        #expect(try cli.run(["verify", hello, "--address", "0x08000100"]).status == 0)
        let erase = try cli.run(["erase", "0x0C000000", "--length", "0x800", "--dry-run", "--json"])
        #expect(erase.status == 0)
        #expect((try erase.object()["erased"] as? [[String: Any]])?.count == 1)
        #expect((try erase.object()["failedCalls"] as? [String])?.isEmpty == true)
    }

    @Test func logShowsTheCommandSentBesideThePageErased() throws {
        let (cli, _) = try bootloaderDevice()
        #expect(try cli.run(["program", Self.examples.appendingPathComponent("application.hex").path]).status == 0)
        #expect(try cli.run(["assume", "bank-mode-change=keep"]).status == 0)
        #expect(try cli.run(["ob", "set", "DBANK=0", "--launch"]).status == 0)
        let app = try cli.file("app.bin", bytes: [UInt8](repeating: 0x66, count: 32))
        let program = try cli.run(["program", app, "--address", "0x08040000", "--algorithm", "assume-dual-bank"])
        #expect(program.status == 1)
        #expect(
            program.text.contains(
                "PNB 0 BKER 0 (physical bank 1): 0x08000000–0x08000FFF, 4 KiB pages; sent PER PNB 0 BKER 1"))
        let log = try cli.run(["log"]).text
        #expect(log.contains("sent PNB 0 BKER 1, erased PNB 0 BKER 0 at 0x08000000"))
    }

    @Test func optionLaunchListsTheFieldsAndTheDataLost() throws {
        let cli = try CommandRunner()
        #expect(try cli.run(["init"]).status == 0)
        let ten = try cli.file("ten.bin", bytes: Array("0123456789".utf8))
        #expect(try cli.run(["program", ten, "--address", "0x08070000"]).status == 0)
        let launch = try cli.run(["ob", "set", "DBANK=0", "--launch", "--json"])
        let object = try launch.object()
        #expect(object["collateralBytes"] as? Int == 10)
        let changes = object["optionChanges"] as? [[String: Any]] ?? []
        #expect(
            changes.contains {
                $0["field"] as? String == "DBANK" && $0["after"] as? Int == 0 && $0["staged"] as? Bool == false
            })
    }

    /// An Intel HEX record with its checksum.
    private func record(_ type: UInt8, _ address: UInt16, _ data: [UInt8]) -> String {
        let bytes = [UInt8(data.count), UInt8(address >> 8), UInt8(address & 0xFF), type] + data
        let checksum = UInt8((256 - bytes.reduce(0) { ($0 + Int($1)) & 0xFF }) & 0xFF)
        return ":" + (bytes + [checksum]).map { String(format: "%02X", $0) }.joined() + "\n"
    }

    private func flashAndOctoSPIHex(_ cli: CommandRunner) throws -> String {
        let text =
            record(4, 0, [0x08, 0x00]) + record(0, 0, [1, 2, 3, 4])
            + record(4, 0, [0x90, 0x00]) + record(0, 0, [5, 6, 7, 8]) + record(1, 0, [])
        return try cli.file("mixed.hex", bytes: Array(text.utf8))
    }

    @Test func convertRefusesABinaryThatWouldBeMostlyFill() throws {
        let cli = try CommandRunner()
        let mixed = try flashAndOctoSPIHex(cli)
        let out = cli.directory.appendingPathComponent("out.bin").path
        let refused = try cli.run(["convert", mixed, out], useDevice: false)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("0x08000000–0x08000003, 0x90000000–0x90000003"))
        #expect(!FileManager.default.fileExists(atPath: out), "no output file, not even a partial one")
        let one = try cli.run(["convert", mixed, out, "--from", "0x90000000", "--length", "8"], useDevice: false)
        #expect(one.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data([5, 6, 7, 8, 0xFF, 0xFF, 0xFF, 0xFF]))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter {
            $0.contains(".partial-")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func aFailedWriteIsExit74AndLeavesTheOldFile() throws {
        let cli = try CommandRunner()
        #expect(try cli.run(["init"]).status == 0)
        let full = try cli.run(["read", "0x08000000", "0x1000", "-o", "/dev/full"])
        #expect(full.status == 74)
        #expect(full.stderr.contains("/dev/full"))
        // An output path in a directory that does not exist: nothing is created, the old file elsewhere stays.
        let old = try cli.file("old.hex", bytes: Array("keep".utf8))
        let missing = cli.directory.appendingPathComponent("no/such/dir/out.hex").path
        #expect(
            try cli.run(
                ["convert", old, missing, "--input-format", "bin", "--address", "0x08000000"], useDevice: false
            ).status == 74)
        #expect(try Data(contentsOf: URL(fileURLWithPath: old)) == Data("keep".utf8))
    }
}
