import DeviceStore
import FlashCore
import Foundation
import Testing

/// What the store leaves next to a device file: no abandoned temporaries, no huge WAL.
@Suite struct LeftoverFileTests {
    private func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("leftover-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The pid of a process that has exited.
    private func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func createRemovesTemporariesOfDeadProcessesOnly() throws {
        let folder = try directory()
        let path = folder.appendingPathComponent("device.fsdev").path
        let dead = try deadPID()
        let abandoned = ["device.fsdev.new-\(dead)", "device.fsdev.new-\(dead)-wal", "device.fsdev.new-\(dead)-shm"]
        // pid 1 is alive: its file may still be being written.
        let live = "device.fsdev.new-1"
        for name in abandoned + [live] {
            try Data("x".utf8).write(to: folder.appendingPathComponent(name))
        }
        try DeviceStore.create(at: path, state: .factoryFresh(.stm32l552xE), force: true)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(left.filter { $0.contains(".new-") } == [live])
    }

    @Test func aLargeSaveLeavesASmallWAL() throws {
        let path = try directory().appendingPathComponent("device.fsdev").path
        let store = try DeviceStore.create(at: path, state: .factoryFresh(.stm32l562xE), force: false)
        var state = try store.load()
        var sectors = Set<UInt32>()
        for index in 0..<2048 {
            let offset = UInt32(index * 4096)
            state.ospi?.sectors[offset] = [UInt8](repeating: UInt8(index % 255), count: 4096)
            sectors.insert(offset)
        }
        let record = OperationRecord(
            kind: "program", command: "test", status: "ok", summary: "8 MiB", resultJSON: "{}",
            trace: [], traceTotal: 0)
        try store.save(state, changes: DeviceChanges(flashChunks: [], ospiSectors: sectors), operation: record)
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int ?? 0
        #expect(wal < 1 << 20, "the WAL holds \(wal) bytes after an 8 MiB save")
        #expect(try DeviceStore.open(at: path).load().ospi?.sector(at: 0x7F_F000)?.first == UInt8(2047 % 255))
    }
}
