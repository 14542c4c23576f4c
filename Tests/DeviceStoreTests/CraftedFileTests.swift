import DeviceStore
import Foundation
@testable import fuzz_device
import GRDB
import Testing

/// Crafted device files: NULL, TEXT, negative, out-of-range and wrong-length values in each
/// table the store reads. Each is a one-line damaged-file error naming the table, never a trap,
/// and the file is left as it was.
@Suite struct CraftedFileTests {
    private func craftedFile(_ damage: SeedFiles.Damage) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crafted-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("device.fsdev").path
        try SeedFiles.writeDamaged(damage, at: path)
        return path
    }

    /// What a command does first with the file, for the part that is damaged.
    private func read(_ reader: SeedFiles.Damage.Reader, _ path: String) throws {
        switch reader {
        case .state: _ = try DeviceStore.open(at: path, access: .read).load()
        case .journal: _ = try DeviceStore.open(at: path, access: .read).operations()
        case .trace: _ = try DeviceStore.open(at: path, access: .read).lastOperation()
        case .undo: try DeviceStore.open(at: path).undo()
        case .snapshot:
            let store = try DeviceStore.open(at: path, access: .read)
            for snapshot in try store.snapshots() { _ = try store.snapshotState(snapshot.name) }
        }
    }

    @Test(arguments: SeedFiles.damage)
    func isRefusedAsDamaged(_ damage: SeedFiles.Damage) throws {
        let path = try craftedFile(damage)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var caught: StoreError?
        do { try read(damage.reader, path) } catch let error as StoreError { caught = error }
        guard case .damaged(_, let reason) = caught else {
            Issue.record("\(damage): got \(String(describing: caught))")
            return
        }
        #expect(reason.contains("table \(damage.table)"), "\(reason)")
        #expect(caught.map { !$0.description.contains("\n") } == true, "one line: \(reason)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the file is not modified")
    }

    /// The undamaged seed reads in every way, so each refusal above is the damage's doing.
    @Test func theSeedItselfReads() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crafted-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("device.fsdev").path
        try SeedFiles.writeFull(at: path)
        for reader: SeedFiles.Damage.Reader in [.state, .journal, .trace, .snapshot, .undo] { try read(reader, path) }
    }

    @Test func aTextSectorThatPassesALengthCheckIsNamed() throws {
        let damage = try #require(SeedFiles.damage.first { $0.name == "multibyte-ospi-sector" })
        let path = try craftedFile(damage)
        let length = try DatabaseQueue(path: path).read { db in
            try Int.fetchOne(db, sql: "SELECT LENGTH(data) FROM flash_chunk WHERE region = 'ospi'")
        }
        #expect(length == 4096, "the crafted sector is 4096 characters long")
        #expect(
            throws: StoreError.damaged(
                path: path, reason: "table flash_chunk, row (region 'ospi', offset 4096): data is not a 4096-byte BLOB")
        ) {
            _ = try DeviceStore.open(at: path, access: .read).load()
        }
    }
}
