import Foundation
import Testing

/// program, verify, diff, read -o, convert and export with real firmware files.
@Suite(.serialized) struct FirmwareCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FlashFormatsTests")
    static var elf: String { fixtures.appendingPathComponent("Fixtures/elf/app.elf").path }
    static var objcopyBinary: String { fixtures.appendingPathComponent("Fixtures/elf/app-objcopy.bin").path }

    @Test(arguments: ["Fixtures/elf/app.elf", "Fixtures/elf/app-objcopy.hex", "Fixtures/elf/app-objcopy.srec"])
    func programEveryFormatThenVerify(_ fixture: String) throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let path = Self.fixtures.appendingPathComponent(fixture).path
        let program = try cli.run(["program", path, "--verify", "--json"])
        #expect(program.status == 0, "\(program.stderr)")
        #expect(try program.object()["verifyMismatches"] as? [Any] != nil)
        #expect(try cli.run(["verify", path]).status == 0)
        // .data is placed at its load address in flash, as objcopy -O binary does.
        let expected = try Data(contentsOf: URL(fileURLWithPath: Self.objcopyBinary))
        #expect(try cli.run(["read", "0x08000000", String(expected.count)]).stdout == expected)
    }

    @Test func verifyExplainsAndDiffLists() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        try cli.run(["program", Self.elf])
        // Program zeros over the start: 1 bits the file wants become 0.
        let zeros = try cli.file("zeros.bin", bytes: [UInt8](repeating: 0, count: 8))
        try cli.run(["program", zeros, "--address", "0x08000000", "--no-preserve"])
        try cli.run(["erase", "0x08000000"])
        let verify = try cli.run(["verify", Self.elf])
        #expect(verify.status == 3)
        #expect(verify.text.contains("bytes differ"))
        #expect(verify.text.contains("never programmed"))
        let diff = try cli.run(["diff", Self.elf, "--json"])
        #expect(diff.status == 3)
        let object = try diff.object()
        #expect(object["equal"] as? Bool == false)
        #expect((object["ranges"] as? [[String: String]])?.first?["from"] == "0x08000000")
    }

    @Test func unerasedBitsAreExplained() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let ones = try cli.file("ones.bin", bytes: [0x0F, 0x0F, 0x0F, 0x0F, 0x0F, 0x0F, 0x0F, 0x0F])
        let wanted = try cli.file("wanted.bin", bytes: [0x1F, 0x1F, 0x1F, 0x1F, 0x1F, 0x1F, 0x1F, 0x1F])
        try cli.run(["program", ones, "--address", "0x08000000"])
        let verify = try cli.run(["verify", wanted, "--address", "0x08000000", "--json"])
        let first = (try verify.object()["first"] as? [[String: Any]])?.first
        #expect((first?["cause"] as? String)?.contains("was not erased") == true)
    }

    @Test func malformedFileIsRefusedWithItsLine() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let before = cli.deviceFingerprint()
        let bad = try cli.file("bad.hex", bytes: Array(":0400000001020304F3\n:00000001FF\n".utf8))
        let output = try cli.run(["program", bad])
        #expect(output.status == 65)
        #expect(output.stderr.contains("bad.hex:1:"))
        #expect(output.stderr.contains("checksum"))
        #expect(cli.deviceFingerprint() == before)
        #expect(try cli.run(["program", "nowhere.hex"]).status == 66)
        let outside = try cli.file("outside.hex", bytes: Array(":0400000001020304F2\n:00000001FF\n".utf8))
        let refused = try cli.run(["program", outside])
        #expect(refused.status == 65)
        #expect(refused.stderr.hasPrefix("flashscope: \(outside): line 1: 0x00000000: not in the embedded flash"))
        let binary = try cli.file("plain.bin", bytes: [1, 2, 3])
        #expect(try cli.run(["program", binary]).status == 64, "binary needs --address")
    }

    @Test func readPicksTheFormatFromTheExtension() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        try cli.run(["program", Self.elf])
        for name in ["dump.hex", "dump.srec", "dump.bin"] {
            #expect(try cli.run(["read", "0x08000000", "144", "-o", name]).status == 0)
        }
        let hex = try String(contentsOf: cli.directory.appendingPathComponent("dump.hex"), encoding: .utf8)
        #expect(hex.hasPrefix(":020000040800F2"))
        let srec = try String(contentsOf: cli.directory.appendingPathComponent("dump.srec"), encoding: .utf8)
        #expect(srec.contains("S3"))
        #expect(try cli.run(["verify", "dump.hex"]).status == 0)
        #expect(try cli.run(["verify", "dump.srec"]).status == 0)
        #expect(try cli.run(["verify", "dump.bin", "--address", "0x08000000"]).status == 0)
    }

    @Test func convertMatchesObjcopy() throws {
        let cli = try CommandRunner()
        #expect(try cli.run(["convert", Self.elf, "app.hex"], useDevice: false).status == 0)
        #expect(try cli.run(["convert", "app.hex", "app.s19"], useDevice: false).status == 0)
        #expect(try cli.run(["convert", "app.s19", "app.bin"], useDevice: false).status == 0)
        let ours = try Data(contentsOf: cli.directory.appendingPathComponent("app.bin"))
        #expect(ours == (try Data(contentsOf: URL(fileURLWithPath: Self.objcopyBinary))))
        #expect(
            try cli.run(["convert", "app.bin", "again.hex", "--address", "0x08000000"], useDevice: false).status == 0)
        #expect(try cli.run(["convert", "app.hex", "out.xyz"], useDevice: false).status == 64)
        #expect(try cli.run(["convert", "app.hex", "out.xyz", "--format", "srec"], useDevice: false).status == 0)
    }

    @Test func exportThenProgramRoundTrips() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        try cli.run(["program", Self.elf])
        let data = try cli.file("bank2.bin", bytes: [1, 2, 3, 4, 5, 6, 7, 8])
        try cli.run(["program", data, "--address", "0x08040000"])
        #expect(try cli.run(["export", "all.srec"]).status == 0)
        let other = try CommandRunner()
        try other.run(["init"])
        let path = cli.directory.appendingPathComponent("all.srec").path
        #expect(try other.run(["program", path]).status == 0)
        #expect(try other.run(["verify", path]).status == 0)
        #expect(try other.run(["read", "0x08040000", "8"]).stdout == Data([1, 2, 3, 4, 5, 6, 7, 8]))
    }
}
