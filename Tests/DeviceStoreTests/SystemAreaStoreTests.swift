import DeviceStore
import FlashCore
import Foundation
import GRDB
import Testing

/// The OTP area and the UID in the device file (schema 3), and files from before them.
@Suite struct SystemAreaStoreTests {
    private func temporaryPath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("system-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("device.fsdev").path
    }

    private func record(_ kind: String) -> OperationRecord {
        OperationRecord(
            kind: kind, command: "flashscope \(kind)", status: "ok", summary: kind, resultJSON: "{}", trace: [],
            traceTotal: 0)
    }

    @Test func otpAndUIDRoundTrip() throws {
        let path = try temporaryPath()
        var state = DeviceState.factoryFresh(.stm32l562xE)
        state.uid = DeviceStore.newUID(part: state.part, path: path)
        state.otp[0x10] = 0x42
        let store = try DeviceStore.create(at: path, state: state, force: false)
        #expect(try store.load() == state)
        #expect(try DeviceStore.open(at: path, access: .read).load().uid == state.uid)
    }

    @Test func eachNewFileGetsItsOwnUID() throws {
        let first = try DeviceStore.openOrCreate(at: try temporaryPath(), part: .stm32l562xE).load().uid
        let second = try DeviceStore.openOrCreate(at: try temporaryPath(), part: .stm32l562xE).load().uid
        #expect(first != second)
        #expect(first != DeviceUID.fallback(.stm32l562xE))
    }

    @Test func anOTPProgramIsJournaledAndUndone() throws {
        let path = try temporaryPath()
        let store = try DeviceStore.create(at: path, state: .factoryFresh(.stm32l562xE), force: false)
        let machine = Machine(state: try store.load())
        let engine = FlashEngine(machine: machine)
        let image = try MemoryImage(segments: [.init(address: 0x0BFA_0000, bytes: [1, 2, 3, 4, 5, 6, 7, 8])])
        #expect(try engine.program(image).succeeded)
        try store.save(machine.state, changes: machine.changes, operation: record("program"))
        #expect(Array(try store.load().otp.prefix(8)) == [1, 2, 3, 4, 5, 6, 7, 8])
        _ = try store.undo()
        #expect(try store.load().otp == [UInt8](repeating: 0xFF, count: 512), "the simulator's undo puts OTP back")
        try store.redo()
        #expect(Array(try store.load().otp.prefix(8)) == [1, 2, 3, 4, 5, 6, 7, 8])
    }

    /// A schema 2 file (no `device.uid`, no OTP chunk) loads with the OTP erased and a UID derived
    /// from what it says about itself; its first write migrates it to schema 3 keeping that UID.
    @Test func aSchema2FileLoadsWithOTPErasedAndMigrates() throws {
        let path = try temporaryPath()
        var state = DeviceState.factoryFresh(.stm32l552xE)
        state.flash[0] = 0x11
        try DeviceStore.create(at: path, state: state, force: false)
        try DatabaseQueue(path: path).writeWithoutTransaction { db in
            try db.execute(sql: "ALTER TABLE device DROP COLUMN uid")
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        let old = try DeviceStore.open(at: path, access: .read).load()
        #expect(old.otp == [UInt8](repeating: 0xFF, count: 512))
        #expect(old.flash[0] == 0x11)
        let store = try DeviceStore.open(at: path)
        var loaded = try store.load()
        #expect(loaded.uid == old.uid, "read-only and read-write loads agree")
        loaded.otp[0] = 0
        try store.save(
            loaded, changes: DeviceChanges(flashChunks: [], ospiSectors: [], otp: true), operation: record("p"))
        let (version, stored) = try DatabaseQueue(path: path).read { db in
            (try Int.fetchOne(db, sql: "PRAGMA user_version"), try Data.fetchOne(db, sql: "SELECT uid FROM device"))
        }
        #expect(version == 4)
        #expect(stored.map { [UInt8]($0) } == old.uid.bytes, "the migration stored the UID the file read with")
        #expect(try store.load().otp[0] == 0)
    }

    @Test func aDamagedUIDIsOneLine() throws {
        let path = try temporaryPath()
        try DeviceStore.create(at: path, state: .factoryFresh(.stm32l562xE), force: false)
        try DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE device SET uid = x'0102'") }
        #expect(throws: StoreError.self) { try DeviceStore.open(at: path, access: .read).load() }
    }

    @Test func aDamagedOTPChunkIsOneLine() throws {
        let path = try temporaryPath()
        try DeviceStore.create(at: path, state: .factoryFresh(.stm32l562xE), force: false)
        try DatabaseQueue(path: path).write {
            try $0.execute(sql: "INSERT INTO flash_chunk (region, offset, data) VALUES ('otp', 0, x'00')")
        }
        #expect(throws: StoreError.self) { try DeviceStore.open(at: path, access: .read).load() }
    }

    @Test func snapshotsKeepTheOTP() throws {
        let path = try temporaryPath()
        var state = DeviceState.factoryFresh(.stm32l562xE)
        state.otp[7] = 0x77
        let store = try DeviceStore.create(at: path, state: state, force: false)
        try store.saveSnapshot("s")
        #expect(try store.snapshotState("s")?.otp[7] == 0x77)
    }
}
