import FlashCore
import Foundation
import GRDB

/// A device kept in an SQLite file (through GRDB, in WAL mode): part, assumptions,
/// option bytes, the non-erased flash chunks and the history of operations.
/// Every save is one transaction, so a file holds the state before or after a command, never between.
package final class DeviceStore {
    package let path: String
    /// Reads go through a read-only connection, so a command that fails before saving leaves the file byte for byte as it was.
    let reader: DatabaseQueue
    private var writer: DatabaseQueue?
    static let internalRegion = "internal"
    static let ospiRegion = "ospi"
    static let otpRegion = "otp"

    /// The generation (see `Schema`) of the state this store last read or saved; a save
    /// is refused when the file has moved past it.
    var loadedGeneration: Int64

    /// What a command does with the file: a reader never needs to write it.
    package enum Access: Sendable {
        case read
        case readWrite
    }

    private init(path: String, reader: DatabaseQueue, generation: Int64) {
        self.path = path
        self.reader = reader
        self.loadedGeneration = generation
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
    /// With `.readWrite`, a file that cannot be written is refused now, before any work is done.
    package static func open(at path: String, access: Access = .readWrite) throws(StoreError) -> DeviceStore {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        try checkHeader(path)
        if access == .readWrite, let problem = FileAccess.writeProblem(path) {
            throw .readOnly(path: path, reason: problem)
        }
        let reader = try openReader(path)
        let generation = try validate(path, reader)
        return DeviceStore(path: path, reader: reader, generation: generation)
    }

    /// Opens the file, creating it factory-fresh for `part` when it does not exist yet.
    package static func openOrCreate(at path: String, part: Part, access: Access = .readWrite) throws(StoreError)
        -> DeviceStore
    {
        if FileManager.default.fileExists(atPath: path) { return try open(at: path, access: access) }
        var state = DeviceState.factoryFresh(part)
        state.uid = newUID(part: part, path: path)
        return try create(at: path, state: state, force: false)
    }

    /// A new device file is a new chip: its UID comes from the moment it is made, its part and its path.
    package static func newUID(part: Part, path: String) -> DeviceUID {
        DeviceUID(seed: "\(Date().timeIntervalSince1970) \(part.name) \(path)")
    }

    /// Writes a new device file; with `force`, replaces an existing one (atomically, by rename).
    @discardableResult
    package static func create(at path: String, state: DeviceState, force: Bool) throws(StoreError) -> DeviceStore {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) && !force { throw .alreadyExists(path: path) }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty && !manager.fileExists(atPath: directory) {
            do { try manager.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                throw .cannotOpen(path: path, reason: describe(error))
            }
        }
        TemporaryFiles.removeAbandoned(besides: path)
        let temporary = TemporaryFiles.name(besides: path)
        do {
            let queue = try DatabaseQueue(path: temporary)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try queue.write { db in
                try Schema.create(db)
                try db.execute(
                    sql: "INSERT INTO device (id, part, created, uid) VALUES (1, ?, ?, ?)",
                    arguments: [state.part.name, timestamp(), Data(state.uid.bytes)])
                try writeState(state, changes: .everything, db)
            }
            try queue.close()
            for suffix in ["-wal", "-shm"] { try? manager.removeItem(atPath: path + suffix) }
            // rename(2) replaces the old file in one step: a reader sees the old device or the new one.
            guard rename(temporary, path) == 0 else {
                throw StoreError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
        } catch let error as StoreError {
            TemporaryFiles.remove(temporary)
            throw error
        } catch {
            TemporaryFiles.remove(temporary)
            if let error = error as? DatabaseError,
                error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN
            {
                throw .readOnly(path: path, reason: describe(error))
            }
            // Anything else while writing a new file (a full disk, an I/O error) is a write failure.
            throw .cannotWrite(path: path, reason: describe(error))
        }
        return try open(at: path)
    }

    /// Checks the SQLite header without opening the file as a database.
    private static func checkHeader(_ path: String) throws(StoreError) {
        // A directory opens for reading on Linux and reads as nothing, which would say "empty".
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .cannotOpen(path: path, reason: "it is a directory, not a device file")
        }
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
    }

    /// The read-only connection. Where the `-wal` and `-shm` files cannot be made (a read-only
    /// directory or mount) or the `-wal` is not a file, the main file is read on its own,
    /// unless a real `-wal` holds transactions that would then be missed.
    private static func openReader(_ path: String) throws(StoreError) -> DatabaseQueue {
        // A -wal or -shm that is a link or a directory is not followed: the main file is read alone.
        if FileAccess.sideFileProblem(path) != nil { return try openImmutable(path, failure: nil) }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(readonly: true))
            _ = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
            return queue
        } catch let error as DatabaseError where FileAccess.isEnvironmental(error) {
            guard !FileAccess.walHoldsData(path) else { throw .cannotOpen(path: path, reason: describe(error)) }
            return try openImmutable(path, failure: error)
        } catch {
            throw .damaged(path: path, reason: describe(error))
        }
    }

    /// The main file read on its own; `failure` is what the ordinary open said, if it was tried.
    private static func openImmutable(_ path: String, failure: (any Error)?) throws(StoreError) -> DatabaseQueue {
        do {
            let queue = try DatabaseQueue(
                path: FileAccess.immutableURI(path), configuration: configuration(readonly: true))
            _ = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
            return queue
        } catch let error as DatabaseError where !FileAccess.isEnvironmental(error) {
            throw .damaged(path: path, reason: describe(error))
        } catch {
            throw .cannotOpen(path: path, reason: describe(failure ?? error))
        }
    }

    /// Checks the application id, schema version and tables; returns the generation.
    private static func validate(_ path: String, _ queue: DatabaseQueue) throws(StoreError) -> Int64 {
        do {
            return try queue.read { db in
                let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                guard application == Schema.applicationID else {
                    throw StoreError.notADeviceFile(path: path, reason: "an SQLite database of another application")
                }
                guard version <= Schema.version else {
                    throw StoreError.newerSchema(path: path, found: version, supported: Schema.version)
                }
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                for table in [
                    "device", "assumption", "option_register", "flash_chunk", "operation", "operation_chunk",
                    "snapshot", "snapshot_chunk", "ospi_register",
                ] where !tables.contains(table) {
                    throw StoreError.damaged(path: path, reason: "table \(table) is missing")
                }
                return try generation(db, path: path)
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where FileAccess.isEnvironmental(error) {
            throw .cannotOpen(path: path, reason: describe(error))
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
