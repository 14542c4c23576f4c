import Foundation
import Testing

/// A short version of scripts/crash-test: SIGKILL during large programs leaves the file
/// at the state before or after the operation, never between, and it opens without repair.
@Suite(.serialized) struct CrashSafetyTests {
    @Test func killedProgramLeavesBeforeOrAfterState() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let before = (0..<0x8_0000).map { UInt8(($0 * 7) % 251) }
        let after = (0..<0x8_0000).map { UInt8(($0 * 13) % 241) }
        let beforeFile = try cli.file("before.bin", bytes: before)
        let afterFile = try cli.file("after.bin", bytes: after)
        #expect(try cli.run(["program", beforeFile, "--address", "0x08000000"]).status == 0)
        // The committed state is the file plus its write-ahead log; copy both.
        let base = try Data(contentsOf: URL(fileURLWithPath: cli.device))
        let baseLog = FileManager.default.contents(atPath: cli.device + "-wal")

        var generator = SystemRandomNumberGenerator()
        var outcomes: [String] = []
        for _ in 0..<6 {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cli.device + suffix) }
            try base.write(to: URL(fileURLWithPath: cli.device))
            if let baseLog { try baseLog.write(to: URL(fileURLWithPath: cli.device + "-wal")) }
            let process = Process()
            process.executableURL = CommandRunner.executable
            process.arguments = ["program", afterFile, "--address", "0x08000000", "--device", cli.device]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: Double.random(in: 0...2.5, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let read = try cli.run(["read", "0x08000000", "512K"])
            #expect(read.status == 0, "the file opens after the kill: \(read.stderr)")
            let operations = (try cli.run(["log", "--json"]).json() as? [Any])?.count
            if read.stdout == Data(before) && operations == 1 {
                outcomes.append("before")
            } else if read.stdout == Data(after) && operations == 2 {
                outcomes.append("after")
            } else {
                Issue.record("torn state: \(operations ?? -1) operations, contents match neither side")
            }
        }
        #expect(outcomes.count == 6)
    }
}
