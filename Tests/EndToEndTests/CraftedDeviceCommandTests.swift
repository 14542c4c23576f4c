import Foundation
@testable import fuzz_device
import Testing

/// Crafted device files through the commands: `info`, `ob`, `log`, `trace` and `undo` each
/// exit 0 or 65 with one line, never crash, and a command that reads the damaged part exits 65.
@Suite struct CraftedDeviceCommandTests {
    private static let commands: [[String]] = [
        ["info"], ["ob"], ["log"], ["trace"], ["undo"], ["snapshot", "restore", "seed"],
    ]

    /// The commands that read the damaged part of the file.
    private func mustRefuse(_ reader: SeedFiles.Damage.Reader) -> Set<[String]> {
        switch reader {
        case .state: [["info"], ["ob"], ["undo"], ["snapshot", "restore", "seed"]]
        case .journal: [["log"], ["trace"]]
        case .trace: [["trace"]]
        case .undo: [["undo"]]
        case .snapshot: [["snapshot", "restore", "seed"]]
        }
    }

    @Test(arguments: SeedFiles.damage)
    func commandsRefuseItWithOneLine(_ damage: SeedFiles.Damage) throws {
        let cli = try CommandRunner()
        for command in Self.commands {
            try SeedFiles.writeDamaged(damage, at: cli.device)
            let before = cli.deviceFingerprint()
            let output = try cli.run(command)
            if mustRefuse(damage.reader).contains(command) {
                #expect(output.status == 65, "\(damage) \(command): \(output.status) \(output.stderr)")
            } else {
                #expect([0, 64, 65].contains(output.status), "\(damage) \(command): \(output.status) \(output.stderr)")
            }
            if output.status != 0 {
                #expect(
                    output.stderr.split(separator: "\n").count == 1, "\(damage) \(command): one line: \(output.stderr)")
                #expect(cli.deviceFingerprint() == before, "\(damage) \(command): refused, so unchanged")
            }
        }
    }

    /// A crafted journal row once made `undo` succeed and every later command fail.
    @Test(arguments: SeedFiles.damage.filter { $0.reader == .undo })
    func aRefusedUndoLeavesAUsableDevice(_ damage: SeedFiles.Damage) throws {
        let cli = try CommandRunner()
        try SeedFiles.writeDamaged(damage, at: cli.device)
        #expect(try cli.run(["undo"]).status == 65)
        #expect(try cli.run(["info"]).status == 0)
        #expect(try cli.run(["ob"]).status == 0)
    }
}
