import DeviceStore
import FlashCore
import Foundation
import GRDB
import Testing

/// Schema 4: an undone operation that a new one follows stays in the journal (undone = 2), is not
/// redoable, and takes no chunks with it; redo skips it for a later undone operation.
@Suite struct SupersededUndoTests {
    private func store() throws -> (DeviceStore, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("device.fsdev").path
        return (try DeviceStore.create(at: path, state: .factoryFresh(.stm32l562xE), force: false), path)
    }

    /// Writes one byte of chunk 0 as an operation of its own.
    private func write(_ value: UInt8, at offset: Int, _ store: DeviceStore) throws {
        var state = try store.load()
        state.flash[offset] = value
        let record = OperationRecord(
            kind: "program", command: "write \(value)", status: "ok", summary: "wrote \(value)", resultJSON: "{}",
            trace: [], traceTotal: 0)
        try store.save(state, changes: DeviceChanges(flashChunks: [offset / 2048], ospiSectors: []), operation: record)
    }

    @Test func aSupersededUndoStaysListedAndIsNotRedone() throws {
        let (store, path) = try store()
        try write(1, at: 0, store)
        try write(2, at: 2048, store)
        try store.undo()
        try write(3, at: 4096, store)
        let operations = try store.operations()
        #expect(operations.map(\.record.summary) == ["wrote 1", "wrote 2", "wrote 3"])
        #expect(operations.map(\.undone) == [false, true, false])
        #expect(operations.map(\.superseded) == [false, true, false])
        let chunks = try DatabaseQueue(path: path).read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM operation_chunk WHERE operation_id = 2")
        }
        #expect(chunks == 0, "what redoing it needed is gone")
        #expect(throws: StoreError.journal(.nothingToRedo)) { try store.redo() }
        #expect(throws: StoreError.journal(.alreadyUndone(2))) { try store.undo(through: 2) }

        try store.undo()
        #expect(try store.redo() == 3, "the later undone operation, not the superseded one")
        let state = try store.load()
        #expect(state.flash[0] == 1 && state.flash[2048] == 0xFF && state.flash[4096] == 3)
    }
}
