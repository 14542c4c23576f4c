#if canImport(Glibc)
import Glibc
#endif
import Foundation
@testable import fuzz_device
import Testing

/// Healthy device files that cannot be written: commands that only read work (0), commands
/// that write say "read-only" in one line and exit 73, and the file is left as it was.
///
/// As root (CI, these tools) chmod does not stop writes, so the read-only directory is tested
/// by running the binary as `nobody` through setpriv, and the read-only mount by a read-only
/// bind mount; each runs only where that works.
@Suite struct ReadOnlyDeviceTests {
    static let canMount: Bool = {
        guard getuid() == 0, let probe = try? CommandRunner() else { return false }
        let target = probe.directory.appendingPathComponent("probe").path
        try? FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        guard Mounts.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", target]) else { return false }
        return Mounts.run(["umount", target])
    }()

    static let canDropRoot = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

    /// A device with one program in its history, and a file that matches it. Mostly used
    /// through `withoutWAL`: a directory that cannot be written cannot gain a -wal or -shm.
    private func prepared() throws -> (cli: CommandRunner, data: String) {
        let cli = try CommandRunner()
        let data = try cli.file("data.bin", bytes: [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(try cli.run(["init"]).status == 0)
        #expect(try cli.run(["program", data, "--address", "0x08000000"]).status == 0)
        return (cli, data)
    }

    private func expectReadsWorkAndWritesAreRefused(_ cli: CommandRunner, data: String, wrapper: [String] = []) throws {
        let before = cli.deviceFingerprint()
        let reads: [[String]] = [
            ["info"], ["ob"], ["log"], ["trace"], ["read", "0x08000000", "8"],
            ["verify", data, "--address", "0x08000000"], ["diff", data, "--address", "0x08000000"],
            ["locate", "0x08000000"],
        ]
        for command in reads {
            let output = try cli.run(command, wrapper: wrapper)
            #expect(output.status == 0, "\(command): \(output.status) \(output.stderr)")
        }
        let writes: [[String]] = [
            ["program", data, "--address", "0x08001000"], ["ob", "set", "SWAP_BANK=1"], ["undo"],
            ["erase", "0x08000000"], ["assume", "bker-under-swap=logical"], ["snapshot", "save", "s"],
        ]
        for command in writes {
            let output = try cli.run(command, wrapper: wrapper)
            #expect(output.status == 73, "\(command): \(output.status) \(output.stderr)")
            #expect(output.stderr.contains("read-only"), "\(command): \(output.stderr)")
            #expect(output.stderr.split(separator: "\n").count == 1, "\(command): one line: \(output.stderr)")
        }
        #expect(cli.deviceFingerprint() == before, "nothing was written")
    }

    @Test(.enabled(if: canMount, "needs root with CAP_SYS_ADMIN to bind-mount"))
    func onAReadOnlyMount() throws {
        let (cli, data) = try withoutWAL()
        let folder = cli.directory.path
        #expect(Mounts.run(["mount", "--bind", folder, folder]))
        defer { _ = Mounts.run(["umount", folder]) }
        #expect(Mounts.run(["mount", "-o", "remount,bind,ro", folder, folder]))
        try expectReadsWorkAndWritesAreRefused(cli, data: data)
    }

    @Test(.enabled(if: canDropRoot, "needs root and setpriv to run as nobody"))
    func inADirectoryTheUserCannotWrite() throws {
        let (cli, data) = try withoutWAL()
        #expect(chmod(cli.directory.path, 0o555) == 0)
        defer { _ = chmod(cli.directory.path, 0o755) }
        try expectReadsWorkAndWritesAreRefused(
            cli, data: data,
            wrapper: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
    }

    /// The last command's transactions are folded into the file first: they would be lost with its WAL.
    private func withoutWAL() throws -> (cli: CommandRunner, data: String) {
        let (cli, data) = try prepared()
        try SeedFiles.selfContained(cli.device)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cli.device + suffix) }
        return (cli, data)
    }

    @Test func withAWALThatIsADirectory() throws {
        let (cli, data) = try withoutWAL()
        try FileManager.default.createDirectory(atPath: cli.device + "-wal", withIntermediateDirectories: false)
        try expectReadsWorkAndWritesAreRefused(cli, data: data)
    }

    @Test func withAWALThatIsALink() throws {
        let (cli, data) = try withoutWAL()
        try FileManager.default.createSymbolicLink(
            atPath: cli.device + "-wal",
            withDestinationPath: cli.directory.appendingPathComponent("elsewhere").path)
        try expectReadsWorkAndWritesAreRefused(cli, data: data)
        #expect(
            !FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("elsewhere").path),
            "the link was not followed")
    }

    /// A 1 MiB tmpfs, filled up: `init --force` is a write failure (74), the old device stays.
    @Test(.enabled(if: canMount, "needs root with CAP_SYS_ADMIN to mount a tmpfs"))
    func initForceOnAFullDisk() throws {
        let cli = try CommandRunner()
        let disk = cli.directory.appendingPathComponent("disk").path
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        #expect(Mounts.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk]))
        defer { _ = Mounts.run(["umount", disk]) }
        let device = disk + "/device.fsdev"
        #expect(try cli.run(["init", "--device", device], useDevice: false).status == 0)
        let before = FileManager.default.contents(atPath: device)
        // Fill what is left with a file written until the disk refuses.
        #expect(FileManager.default.createFile(atPath: disk + "/filler", contents: nil))
        let filler = try #require(FileHandle(forWritingAtPath: disk + "/filler"))
        while (try? filler.write(contentsOf: Data(count: 4096))) != nil {}
        try? filler.close()
        let output = try cli.run(["init", "--force", "--device", device], useDevice: false)
        #expect(output.status == 74, "\(output.status): \(output.stderr)")
        #expect(output.stderr.split(separator: "\n").count == 1, "one line: \(output.stderr)")
        #expect(FileManager.default.contents(atPath: device) == before, "the old device is intact")
        let left = try FileManager.default.contentsOfDirectory(atPath: disk).filter { $0.contains(".new-") }
        #expect(left.isEmpty, "no temporary left: \(left)")
    }
}

/// mount(8) and umount(8), for the tests that need a read-only or a full file system.
enum Mounts {
    static func run(_ command: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
