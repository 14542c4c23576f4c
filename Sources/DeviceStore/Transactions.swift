import Foundation
import GRDB

/// Read and write transactions, the generation check that keeps two writers from
/// overwriting each other, and how SQLite errors are reported.
extension DeviceStore {
    /// What a write does with the generation stored in the file.
    enum GenerationRule {
        /// The write saves a state this store read: refused when another process saved since.
        case check
        /// The write works on the file's own state (undo, redo) and changes it.
        case bump
        /// The write leaves the device state alone (snapshots).
        case keep
    }

    /// The WAL size past which a save is followed by a checkpoint that empties it: a 64 MiB
    /// program otherwise leaves a WAL larger than the device file.
    static let walCheckpointSize = 4 << 20

    /// The number of saves the file has seen; files from before schema 2 start at 0.
    static func generation(_ db: Database, path: String) throws -> Int64 {
        guard try db.columns(in: "device").contains(where: { $0.name == "generation" }) else { return 0 }
        guard let row = try Row.fetchOne(db, sql: "SELECT generation FROM device WHERE id = 1") else {
            throw StoreError.damaged(path: path, reason: "table device has no row 1")
        }
        return try CheckedRow(row, table: "device", key: [], path: path).integer("generation", in: 0...(Int64.max - 1))
    }

    func reading<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try reader.read(body)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where FileAccess.isEnvironmental(error) {
            throw .cannotOpen(path: path, reason: Self.describe(error))
        } catch {
            throw .damaged(path: path, reason: Self.describe(error))
        }
    }

    func writing(_ rule: GenerationRule, _ body: (Database) throws -> Void) throws(StoreError) {
        do {
            let queue = try writableQueue()
            var saved: Int64?
            // An IMMEDIATE transaction (GRDB's default for a writer): the generation read here
            // cannot change before the commit.
            try queue.write { db in
                try Schema.migrate(db)
                try Schema.addIndexes(db)
                let current = try Self.generation(db, path: path)
                if rule == .check, current != loadedGeneration { throw StoreError.changedSinceRead(path: path) }
                try body(db)
                guard rule != .keep else { return }
                try db.execute(sql: "UPDATE device SET generation = ? WHERE id = 1", arguments: [current + 1])
                if rule == .check { saved = current + 1 }
            }
            if let saved { loadedGeneration = saved }
            checkpointIfLarge(queue)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN:
                throw .readOnly(path: path, reason: Self.describe(error))
            // Our statements are fixed: one that fails on the file's tables means they are not ours.
            case .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_ERROR, .SQLITE_MISMATCH, .SQLITE_CONSTRAINT, .SQLITE_SCHEMA:
                throw .damaged(path: path, reason: Self.describe(error))
            default: throw .cannotWrite(path: path, reason: Self.describe(error))
            }
        } catch {
            throw .cannotWrite(path: path, reason: Self.describe(error))
        }
    }

    /// Empties a large WAL into the file. A reader in the middle of a transaction can make it
    /// fail; the data is safe either way, and the next large save tries again.
    private func checkpointIfLarge(_ queue: DatabaseQueue) {
        let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int ?? 0
        guard size > Self.walCheckpointSize else { return }
        try? queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }
}
