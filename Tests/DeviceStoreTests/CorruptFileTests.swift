import DeviceStore
import FlashCore
import Foundation
import GRDB
import Testing

/// Damaged, foreign and unreadable device files: each a clear error, none modified.
@Suite struct CorruptFileTests {
    /// A real device file with data in both flashes and a journal, to damage in different ways.
    private func goodFile() throws -> (path: String, bytes: Data) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("corrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("device.fsdev").path
        var state = DeviceState.factoryFresh(.stm32l562xE)
        for index in stride(from: 0, to: state.flash.count, by: 3) { state.flash[index] = UInt8(index % 251) }
        state.ospi?.sectors[0x1000] = [UInt8](repeating: 0x42, count: 4096)
        try DeviceStore.create(at: path, state: state, force: false)
        return (path, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private func expectRefused(_ contents: Data, at path: String, _ check: (StoreError) -> Bool) throws {
        try contents.write(to: URL(fileURLWithPath: path))
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        var caught: StoreError?
        do {
            _ = try DeviceStore.open(at: path).load()
        } catch {
            caught = error
        }
        #expect(caught.map(check) == true, "got \(String(describing: caught))")
        #expect(caught.map { !$0.description.contains("\n") } == true, "one line")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == contents, "the file is not modified")
    }

    private func isDamaged(_ error: StoreError) -> Bool {
        if case .damaged = error { return true }
        if case .notADeviceFile = error { return true }
        return false
    }

    @Test func truncatedToHalf() throws {
        let (path, bytes) = try goodFile()
        try expectRefused(bytes.prefix(bytes.count / 2), at: path, isDamaged)
    }

    @Test func truncatedToOnePage() throws {
        let (path, bytes) = try goodFile()
        try expectRefused(bytes.prefix(4096), at: path, isDamaged)
    }

    @Test func garbageOverTheMiddle() throws {
        let (path, bytes) = try goodFile()
        var damaged = bytes
        let start = 8192
        damaged.replaceSubrange(
            start..<min(start + 65_536, damaged.count),
            with: Data(repeating: 0xA5, count: min(65_536, damaged.count - start)))
        try expectRefused(damaged, at: path, isDamaged)
    }

    @Test func headerOverwritten() throws {
        let (path, bytes) = try goodFile()
        var damaged = bytes
        damaged.replaceSubrange(0..<16, with: Data("NOT A DATABASE!!".utf8))
        try expectRefused(damaged, at: path) { if case .notADeviceFile = $0 { true } else { false } }
    }

    @Test func randomBytesBehindAnSQLiteHeader() throws {
        let (path, _) = try goodFile()
        var generator = SystemRandomNumberGenerator()
        let random =
            Data("SQLite format 3\0".utf8) + Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try expectRefused(random, at: path, isDamaged)
    }

    @Test func aTableIsMissing() throws {
        let (path, _) = try goodFile()
        try DatabaseQueue(path: path).write { try $0.execute(sql: "DROP TABLE operation_chunk") }
        let contents = try Data(contentsOf: URL(fileURLWithPath: path))
        try expectRefused(contents, at: path) { if case .damaged = $0 { true } else { false } }
    }

    @Test func aChunkOfTheWrongSize() throws {
        let (path, _) = try goodFile()
        try DatabaseQueue(path: path).write {
            try $0.execute(sql: "UPDATE flash_chunk SET data = x'0102' WHERE region = 'internal' AND offset = 0")
        }
        let contents = try Data(contentsOf: URL(fileURLWithPath: path))
        try expectRefused(contents, at: path) { if case .damaged = $0 { true } else { false } }
    }

    @Test func anUnknownPart() throws {
        let (path, _) = try goodFile()
        try DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE device SET part = 'STM32F407'") }
        let contents = try Data(contentsOf: URL(fileURLWithPath: path))
        try expectRefused(contents, at: path) { $0 == .unknownPart(path: path, name: "STM32F407") }
    }

    @Test func anOptionRegisterOutOfRange() throws {
        let (path, _) = try goodFile()
        try DatabaseQueue(path: path).write {
            try $0.execute(sql: "UPDATE option_register SET value = -1 WHERE name = 'OPTR'")
        }
        let contents = try Data(contentsOf: URL(fileURLWithPath: path))
        try expectRefused(contents, at: path) { if case .damaged = $0 { true } else { false } }
    }

    @Test func aDirectoryInsteadOfAFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        #expect(throws: StoreError.self) { try DeviceStore.open(at: directory.path).load() }
    }
}
