import DeviceStore
import FlashCore
import Foundation
import GRDB
import Testing

/// Two writers on one file: a save made from a state another process has since replaced is
/// refused, so nothing is lost and undo always restores what a write replaced.
@Suite struct GenerationTests {
    private func newDevice() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("generation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("device.fsdev").path
        try DeviceStore.create(at: path, state: .factoryFresh(.stm32l562xE), force: false)
        return path
    }

    private func record(_ summary: String) -> OperationRecord {
        OperationRecord(
            kind: "test", command: "test", status: "ok", summary: summary, resultJSON: "{}", trace: [], traceTotal: 0)
    }

    @Test func aSaveFromAStaleStateIsRefusedAndChangesNothing() throws {
        let path = try newDevice()
        let first = try DeviceStore.open(at: path)
        let second = try DeviceStore.open(at: path)
        var programmed = try first.load()
        var optioned = try second.load()

        optioned.pending[.optr] = 0x7FEF_F8AB
        try second.save(optioned, changes: DeviceChanges(flashChunks: [], ospiSectors: []), operation: record("option"))
        programmed.flash[0] = 0x11
        #expect(throws: StoreError.changedSinceRead(path: path)) {
            try first.save(
                programmed, changes: DeviceChanges(flashChunks: [0], ospiSectors: []), operation: record("program"))
        }
        let now = try DeviceStore.open(at: path).load()
        #expect(now.pending[.optr] == 0x7FEF_F8AB, "the option change is kept")
        #expect(now.flash[0] == 0xFF, "the refused program wrote nothing")
        #expect(try DeviceStore.open(at: path).operations().map(\.record.summary) == ["option"])

        // Reloaded, the same operation lands on top of the other.
        var again = try first.load()
        again.flash[0] = 0x11
        try first.save(again, changes: DeviceChanges(flashChunks: [0], ospiSectors: []), operation: record("program"))
        let both = try DeviceStore.open(at: path).load()
        #expect(both.flash[0] == 0x11 && both.pending[.optr] == 0x7FEF_F8AB)
    }

    @Test func undoInAnotherProcessMakesAHeldStateStale() throws {
        let path = try newDevice()
        let holder = try DeviceStore.open(at: path)
        var state = try holder.load()
        state.flash[0] = 1
        try holder.save(state, changes: DeviceChanges(flashChunks: [0], ospiSectors: []), operation: record("one"))
        try DeviceStore.open(at: path).undo()
        state.flash[1] = 2
        #expect(throws: StoreError.changedSinceRead(path: path)) {
            try holder.save(state, changes: DeviceChanges(flashChunks: [0], ospiSectors: []), operation: record("two"))
        }
    }

    @Test func successiveSavesOfOneStoreNeedNoReload() throws {
        let path = try newDevice()
        let store = try DeviceStore.open(at: path)
        var state = try store.load()
        for step in 0..<3 {
            let before = state
            state.flash[step] = UInt8(step)
            try store.save(
                state, changes: DeviceChanges(flashChunks: [0], ospiSectors: []), operation: record("\(step)"))
            #expect(before.flash[step] == 0xFF)
        }
        try store.undo()
        #expect(try store.load().flash[0...2] == [0, 1, 0xFF], "undo restored exactly what the last save replaced")
    }

    /// Files from before schema 2 have no generation: they read as 0 and gain it on the first write.
    @Test func aSchemaOneFileIsReadAndMigratedByItsFirstWrite() throws {
        let path = try newDevice()
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "ALTER TABLE device DROP COLUMN generation")
            try db.execute(sql: "ALTER TABLE device DROP COLUMN uid")
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        let store = try DeviceStore.open(at: path)
        var state = try store.load()
        state.flash[0] = 9
        try store.save(state, changes: DeviceChanges(flashChunks: [0], ospiSectors: []), operation: record("first"))
        let (version, generation) = try DatabaseQueue(path: path).read { db in
            (
                try Int.fetchOne(db, sql: "PRAGMA user_version"),
                try Int.fetchOne(db, sql: "SELECT generation FROM device")
            )
        }
        #expect(version == 4, "migrated to the current schema")
        #expect(generation == 1)
        #expect(try DeviceStore.open(at: path).load().flash[0] == 9)
    }
}
