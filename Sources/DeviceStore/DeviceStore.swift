import FlashCore
import Foundation
import GRDB

/// A device kept in an SQLite file (through GRDB, in WAL mode): part, assumptions,
/// option bytes, the non-erased flash chunks and the history of operations.
/// Every save is one transaction, so a file holds the state before or after a command, never between.
public final class DeviceStore {
    public let path: String
    /// Reads go through a read-only connection, so a command that fails before saving leaves the file byte for byte as it was.
    let reader: DatabaseQueue
    private var writer: DatabaseQueue?
    static let internalRegion = "internal"
    static let ospiRegion = "ospi"

    private init(path: String, reader: DatabaseQueue) {
        self.path = path
        self.reader = reader
    }

    private static func configuration(readonly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readonly
        if !readonly {
            // In WAL mode NORMAL keeps every committed transaction through a crash of the process;
            // only a power loss can drop the last few (not a concern for a simulator's file).
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        }
        // Another process (the terminal UI) may hold the file; wait rather than fail.
        configuration.busyMode = .timeout(10)
        return configuration
    }

    func writableQueue() throws -> DatabaseQueue {
        if let writer { return writer }
        let queue = try DatabaseQueue(path: path, configuration: Self.configuration(readonly: false))
        writer = queue
        return queue
    }

    /// Opens an existing device file after checking, read-only, that it is one of ours.
    public static func open(at path: String) throws(StoreError) -> DeviceStore {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        try validate(path)
        do {
            return DeviceStore(path: path, reader: try DatabaseQueue(path: path, configuration: configuration(readonly: true)))
        } catch {
            throw .cannotOpen(path: path, reason: describe(error))
        }
    }

    /// Opens the file, creating it factory-fresh for `part` when it does not exist yet.
    public static func openOrCreate(at path: String, part: Part) throws(StoreError) -> DeviceStore {
        if FileManager.default.fileExists(atPath: path) { return try open(at: path) }
        return try create(at: path, state: .factoryFresh(part), force: false)
    }

    /// Writes a new device file; with `force`, replaces an existing one (atomically, by rename).
    @discardableResult
    public static func create(at path: String, state: DeviceState, force: Bool) throws(StoreError) -> DeviceStore {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) && !force { throw .alreadyExists(path: path) }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty && !manager.fileExists(atPath: directory) {
            do { try manager.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                throw .cannotOpen(path: path, reason: describe(error))
            }
        }
        let temporary = path + ".new-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            let queue = try DatabaseQueue(path: temporary)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try queue.write { db in
                try Schema.create(db)
                try db.execute(sql: "INSERT INTO device (id, part, created) VALUES (1, ?, ?)",
                               arguments: [state.part.name, timestamp()])
                try writeState(state, changes: .everything, db)
            }
            try queue.close()
            for suffix in ["-wal", "-shm"] { try? manager.removeItem(atPath: path + suffix) }
            // rename(2) replaces the old file in one step: a reader sees the old device or the new one.
            guard rename(temporary, path) == 0 else {
                throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
            }
        } catch let error as StoreError {
            try? manager.removeItem(atPath: temporary)
            throw error
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw .cannotOpen(path: path, reason: describe(error))
        }
        return try open(at: path)
    }

    /// Checks the header, application id and schema version without writing anything.
    private static func validate(_ path: String) throws(StoreError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .cannotOpen(path: path, reason: "permission denied")
        }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        try? handle.close()
        let magic = Data("SQLite format 3\0".utf8)
        guard !header.isEmpty else { throw .notADeviceFile(path: path, reason: "the file is empty") }
        guard header.prefix(16) == magic.prefix(header.count) else {
            throw .notADeviceFile(path: path, reason: "it is not an SQLite database")
        }
        guard header.count == 100 else {
            throw .damaged(path: path, reason: "the file is shorter than an SQLite header")
        }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            let (application, version) = try queue.read { db in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                 try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0)
            }
            guard application == Schema.applicationID else {
                throw StoreError.notADeviceFile(path: path, reason: "an SQLite database of another application")
            }
            guard version <= Schema.version else {
                throw StoreError.newerSchema(path: path, found: version, supported: Schema.version)
            }
            let tables = try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
            for table in ["device", "assumption", "option_register", "flash_chunk", "operation", "operation_chunk", "snapshot", "snapshot_chunk", "ospi_register"] where !tables.contains(table) {
                throw StoreError.damaged(path: path, reason: "table \(table) is missing")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .damaged(path: path, reason: describe(error))
        }
    }

    // MARK: Reading

    static func timestamp() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return (error as NSError).localizedDescription
    }
}
