import Foundation
import Testing

/// Bad input: a one-line error, a documented non-zero status, the device file unchanged.
@Suite(.serialized) struct BadInputTests {
    private func prepared() throws -> CommandRunner {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let data = try cli.file("data.bin", bytes: [1, 2, 3, 4, 5, 6, 7, 8])
        try cli.run(["program", data, "--address", "0x08000000"])
        return cli
    }

    private func expectRefused(_ arguments: [String], status: Int32, mentioning text: String) throws {
        let cli = try prepared()
        let before = cli.deviceFingerprint()
        let output = try cli.run(arguments)
        #expect(output.status == status, "\(arguments)")
        #expect(output.stderr.contains(text), "\(output.stderr)")
        #expect(output.stderr.split(separator: "\n").count == 1, "one line: \(output.stderr)")
        #expect(cli.deviceFingerprint() == before, "device file unchanged")
    }

    @Test func unknownPart() throws {
        let cli = try CommandRunner()
        let output = try cli.run(["init", "--part", "STM32F407"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("unknown part 'STM32F407'"))
        #expect(!FileManager.default.fileExists(atPath: cli.device))
    }

    @Test func eraseOutsideFlash() throws {
        try expectRefused(["erase", "0x08080000"], status: 65, mentioning: "0x08080000: past the end")
    }

    @Test func programRunningPastFlash() throws {
        let cli = try prepared()
        let big = try cli.file("big.bin", bytes: [UInt8](repeating: 0, count: 4096))
        let before = cli.deviceFingerprint()
        let output = try cli.run(["program", big, "--address", "0x0807F800"])
        #expect(output.status == 65)
        #expect(cli.deviceFingerprint() == before)
    }

    @Test func oddOptionValue() throws {
        try expectRefused(["ob", "set", "DBANK=2"], status: 65, mentioning: "DBANK=2 does not fit")
        try expectRefused(
            ["ob", "set", "DUALBANK=1"], status: 65, mentioning: "no option field or register named 'DUALBANK'")
        try expectRefused(["ob", "set", "DBANK=zero"], status: 65, mentioning: "'zero' is not a number")
    }

    @Test func unreadableFile() throws {
        try expectRefused(
            ["program", "missing.bin", "--address", "0x08000000"], status: 66,
            mentioning: "missing.bin: cannot read file")
    }

    @Test func binaryFilesAreCheckedBeforeTheDeviceIsTouched() throws {
        let cli = try CommandRunner()
        let empty = try cli.file("empty.bin", bytes: [])
        let wide = try cli.file("wide.bin", bytes: [UInt8](repeating: 0, count: 32))
        try expectRefused(
            ["program", empty, "--address", "0x90000000"], status: 65, mentioning: "empty.bin: the file holds no data")
        try expectRefused(
            ["program", wide, "--address", "0xFFFFFFF0"], status: 65, mentioning: "run past the 4 GiB address space")
        try expectRefused(["program", wide], status: 64, mentioning: "wide.bin: a binary file needs --address")
        try expectRefused(
            ["program", cli.directory.path, "--format", "bin", "--address", "0x90000000"], status: 66,
            mentioning: "cannot read file: is a directory")
    }

    /// A sysfs attribute reports 4096 bytes and holds a few: read while it is programmed, it
    /// comes up short, as a file that shrank would.
    static let shortFile = "/sys/devices/system/cpu/online"
    static var shortFileReadsShort: Bool {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: shortFile))?[.size] as? Int,
            let handle = FileHandle(forReadingAtPath: shortFile),
            let contents = try? handle.readToEnd()
        else { return false }
        return size >= 4096 && contents.count < size
    }

    @Test(.enabled(if: shortFileReadsShort, "needs a sysfs file that reads shorter than its size"))
    func aFileReadingShortWhileProgrammedLeavesTheDeviceFileUnchanged() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let old = try cli.file("old.bin", bytes: [UInt8](repeating: 0x3C, count: 0x2000))
        #expect(try cli.run(["program", old, "--address", "0x90000000"]).status == 0)
        let before = cli.deviceFingerprint()
        let output = try cli.run(["program", Self.shortFile, "--format", "bin", "--address", "0x90000000"])
        #expect(output.status == 66)
        #expect(
            output.stderr.hasPrefix("flashscope: programming stopped: \(Self.shortFile): byte offset "),
            "\(output.stderr)")
        #expect(output.stderr.split(separator: "\n").count == 1, "one line: \(output.stderr)")
        #expect(cli.deviceFingerprint() == before, "the sector erased before the read failed is not saved")
        #expect(try cli.run(["read", "0x90000000", "4"]).stdout == Data([0x3C, 0x3C, 0x3C, 0x3C]))
    }

    @Test(.enabled(if: shortFileReadsShort, "needs a sysfs file that reads shorter than its size"))
    func aFileReadingShortWhileComparedIsAnErrorNotAMismatch() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let before = cli.deviceFingerprint()
        let output = try cli.run(["verify", Self.shortFile, "--format", "bin", "--address", "0x90000000"])
        #expect(output.status == 66, "a file that cannot be read is not a verify mismatch (3)")
        #expect(
            output.stderr.hasPrefix("flashscope: comparison stopped: \(Self.shortFile): byte offset "),
            "\(output.stderr)")
        #expect(output.stderr.split(separator: "\n").count == 1, "one line: \(output.stderr)")
        #expect(cli.deviceFingerprint() == before)
    }

    @Test func rangesRunningPastFourGiBAreRefusedNotWrapped() throws {
        let past = "run past the end of the 4 GiB address space"
        try expectRefused(
            ["read", "0x08000000", "0xFFFFFFFF"], status: 65,
            mentioning: "0x08000000: 4294967295 bytes from here \(past)")
        try expectRefused(["read", "0x90000000", "0xFFFFFFFF", "-o", "/dev/null"], status: 65, mentioning: past)
        try expectRefused(["erase", "0x08000000", "--length", "0xFFFFFFFF"], status: 65, mentioning: past)
        try expectRefused(["erase", "0x90000000", "--length", "0xFFFFFFFF"], status: 65, mentioning: past)
    }

    @Test func unknownAlgorithm() throws {
        let cli = try prepared()
        let before = cli.deviceFingerprint()
        let output = try cli.run(["erase", "0x08000000", "--algorithm", "guess"])
        #expect(output.status == 64)
        #expect(cli.deviceFingerprint() == before)
    }

    @Test func foreignDeviceFile() throws {
        let cli = try CommandRunner()
        let path = try cli.file("notes.txt", bytes: Array("hello, not a database".utf8))
        let before = FileManager.default.contents(atPath: path)
        let output = try cli.run(["info", "--device", path], useDevice: false)
        #expect(output.status == 65)
        #expect(output.stderr.contains("not a FlashScope device file"))
        #expect(FileManager.default.contents(atPath: path) == before)
    }

    @Test func missingExplicitDeviceFile() throws {
        let cli = try CommandRunner()
        let output = try cli.run(["info"])
        #expect(output.status == 66)
        #expect(output.stderr.contains("flashscope init"))
    }
}
