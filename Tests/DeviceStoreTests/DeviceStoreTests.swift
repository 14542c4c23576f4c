import DeviceStore
import FlashCore
import Foundation
import GRDB
import Testing

@Suite struct DeviceStoreTests {
    private func temporaryPath(_ name: String = "device.fsdev") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }

    @Test func roundTripsTheState() throws {
        let path = try temporaryPath()
        var state = DeviceState.factoryFresh(.stm32l552xC)
        state.assumptions.smallPartBank2 = .gap
        state.pending[.optr] = 0x7FAF_F8AA
        state.flash[0x1234] = 0x42
        state.flash[0x3_FFFF] = 0x00
        let store = try DeviceStore.create(at: path, state: state, force: false)
        #expect(try store.load() == state)
        #expect(try DeviceStore.open(at: path).load() == state)
    }

    @Test func keepsOnlyNonErasedChunks() throws {
        let path = try temporaryPath()
        var state = DeviceState.factoryFresh(.stm32l562xE)
        state.flash[0] = 1
        state.flash[0x4_0000] = 2
        try DeviceStore.create(at: path, state: state, force: false)
        let count = try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM flash_chunk") }
        #expect(count == 2)
    }

    @Test func saveWritesChangedChunksAndTheOperation() throws {
        let path = try temporaryPath()
        let store = try DeviceStore.create(at: path, state: .factoryFresh(.stm32l562xE), force: false)
        var state = try store.load()
        state.flash[4096] = 7
        let trace = [
            RenderedTraceEntry(
                seq: 1, access: "write", address: 0x4002_2008, size: 4, region: "FLASH",
                register: "NSKEYR", value: 0x4567_0123, changes: [], notes: ["a", "b"], time: 5)
        ]
        let record = OperationRecord(
            kind: "program", command: "flashscope program x", status: "ok", summary: "s",
            resultJSON: "{}", trace: trace, traceTotal: 10)
        try store.save(state, changes: DeviceChanges(flashChunks: [2], ospiSectors: []), operation: record)
        #expect(try store.load().flash[4096] == 7)
        let last = try store.lastOperation()
        #expect(last?.record.trace == trace)
        #expect(last?.record.traceTotal == 10)
        #expect(last?.record.command == "flashscope program x")
    }

    @Test func createRefusesToOverwriteWithoutForce() throws {
        let path = try temporaryPath()
        try DeviceStore.create(at: path, state: .factoryFresh(.stm32l562xE), force: false)
        #expect(throws: StoreError.alreadyExists(path: path)) {
            try DeviceStore.create(at: path, state: .factoryFresh(.stm32l552xE), force: false)
        }
        try DeviceStore.create(at: path, state: .factoryFresh(.stm32l552xE), force: true)
        #expect(try DeviceStore.open(at: path).load().part == .stm32l552xE)
    }

    private func checksum(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    @Test func foreignSQLiteFileIsRefusedUntouched() throws {
        let path = try temporaryPath("other.db")
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE t (x)") }
        let before = checksum(path)
        #expect {
            try DeviceStore.open(at: path)
        } throws: { error in
            guard case StoreError.notADeviceFile = error else { return false }
            return true
        }
        #expect(checksum(path) == before)
    }

    @Test func newerSchemaIsRefusedUntouched() throws {
        let path = try temporaryPath()
        try DeviceStore.create(at: path, state: .factoryFresh(.stm32l562xE), force: false)
        try DatabaseQueue(path: path).writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = 99") }
        let before = checksum(path)
        #expect(throws: StoreError.newerSchema(path: path, found: 99, supported: 4)) { try DeviceStore.open(at: path) }
        #expect(checksum(path) == before)
    }

    @Test(arguments: [
        ("empty", Data()),
        ("text", Data("just some text that is not a database at all, long enough to have a header".utf8)),
        ("truncated", Data("SQLite format 3\0".utf8) + Data(repeating: 0, count: 20)),
    ])
    func garbageIsRefusedUntouched(_ name: String, _ contents: Data) throws {
        let path = try temporaryPath(name)
        try contents.write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.self) { try DeviceStore.open(at: path).load() }
        #expect(checksum(path) == contents)
    }

    @Test func missingFileIsNamed() throws {
        let path = try temporaryPath()
        #expect(throws: StoreError.missing(path: path)) { try DeviceStore.open(at: path) }
    }
}
