import FlashCore
import Foundation
import GRDB

/// What one operation leaves in the device file's history.
public struct OperationRecord: Sendable {
    public var kind: String
    public var command: String
    public var status: String
    public var summary: String
    /// The operation's result as a JSON document.
    public var resultJSON: String
    public var trace: [RenderedTraceEntry]
    /// Accesses the operation made, kept or not.
    public var traceTotal: Int

    public init(kind: String, command: String, status: String, summary: String, resultJSON: String,
                trace: [RenderedTraceEntry], traceTotal: Int) {
        self.kind = kind
        self.command = command
        self.status = status
        self.summary = summary
        self.resultJSON = resultJSON
        self.trace = trace
        self.traceTotal = traceTotal
    }
}

/// An operation read back from the journal.
public struct StoredOperation: Sendable {
    public var id: Int64
    public var time: String
    public var undone: Bool
    public var record: OperationRecord
}

/// Nothing to undo or redo, or no such operation.
public enum JournalError: Error, Equatable, Sendable, CustomStringConvertible {
    case nothingToUndo
    case nothingToRedo
    case noSuchOperation(Int64)
    case alreadyUndone(Int64)

    public var description: String {
        switch self {
        case .nothingToUndo: "nothing to undo"
        case .nothingToRedo: "nothing to redo"
        case .noSuchOperation(let id): "no operation \(id) in this device's history"
        case .alreadyUndone(let id): "operation \(id) is already undone"
        }
    }
}

extension DeviceStore {
    /// Saves the state an operation produced, and the operation with what undoing it needs
    /// (the prior contents of every chunk it changed and the prior option bytes), in one transaction.
    public func save(_ state: DeviceState, previous: DeviceState, changes: DeviceChanges,
                     operation: OperationRecord?) throws(StoreError) {
        try writing { db in
            try Self.writeState(state, changes: changes, db)
            guard let operation else { return }
            // A new operation ends the chance to redo what was undone.
            try db.execute(sql: "DELETE FROM operation WHERE undone = 1")
            try db.execute(sql: """
                INSERT INTO operation (time, kind, command, status, summary, result, trace, trace_total, trace_kept,
                                       options_before, options_after)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [Self.timestamp(), operation.kind, operation.command, operation.status,
                                 operation.summary, operation.resultJSON, TraceCoding.encode(operation.trace),
                                 operation.traceTotal, operation.trace.count,
                                 OptionsCoding.encode(previous), OptionsCoding.encode(state)])
            let id = db.lastInsertedRowID
            // Only the prior contents are kept now; undo captures the later ones (the state at that moment) for redo.
            func record(_ region: String, _ offset: Int, _ before: Data?, _ after: Data?) throws {
                guard before != after else { return }
                try db.cachedStatement(sql: "INSERT INTO operation_chunk (operation_id, region, offset, before) VALUES (?, ?, ?, ?)")
                    .execute(arguments: [id, region, offset, before])
            }
            let chunkSize = FlashArray.chunkSize
            let chunks = changes.flashChunks.map { Array($0).sorted() } ?? Array(0..<(state.flash.count / chunkSize))
            for chunk in chunks {
                let range = chunk * chunkSize..<(chunk + 1) * chunkSize
                guard range.upperBound <= state.flash.count, range.upperBound <= previous.flash.count else { continue }
                try record(Self.internalRegion, range.lowerBound, Self.blob(previous.flash[range]), Self.blob(state.flash[range]))
            }
            if let after = state.ospi {
                let before = previous.ospi ?? NORPersistentState()
                let offsets = changes.ospiSectors ?? after.offsets.union(before.offsets)
                for offset in offsets.sorted() {
                    try record(Self.ospiRegion, Int(offset), before.sector(at: offset).flatMap { Self.blob($0[...]) },
                               after.sector(at: offset).flatMap { Self.blob($0[...]) })
                }
            }
        }
    }

    /// Saves a state with no journal entry (settings such as model assumptions).
    public func save(_ state: DeviceState, changes: DeviceChanges) throws(StoreError) {
        try writing { db in try Self.writeState(state, changes: changes, db) }
    }

    /// Every operation, oldest first.
    public func operations() throws(StoreError) -> [StoredOperation] {
        try reading { db in
            try Row.fetchAll(db, sql: "SELECT * FROM operation ORDER BY id").map { try self.operation(from: $0, withTrace: false) }
        }
    }

    public func operation(id: Int64) throws(StoreError) -> StoredOperation? {
        try reading { db in
            try Row.fetchOne(db, sql: "SELECT * FROM operation WHERE id = ?", arguments: [id]).map { try self.operation(from: $0, withTrace: true) }
        }
    }

    /// The most recent operation that is not undone, with its trace.
    public func lastOperation() throws(StoreError) -> StoredOperation? {
        try reading { db in
            try Row.fetchOne(db, sql: "SELECT * FROM operation WHERE undone = 0 ORDER BY id DESC LIMIT 1")
                .map { try self.operation(from: $0, withTrace: true) }
        }
    }

    /// Undoes the latest operation, or every operation back to and including `id`; returns the ids undone.
    @discardableResult
    public func undo(through id: Int64? = nil) throws(StoreError) -> [Int64] {
        var undone: [Int64] = []
        var failure: JournalError?
        try writing { db in
            let live = try Int64.fetchAll(db, sql: "SELECT id FROM operation WHERE undone = 0 ORDER BY id DESC")
            guard let latest = live.first else { failure = .nothingToUndo; return }
            let target = id ?? latest
            guard live.contains(target) else {
                let exists = try Bool.fetchOne(db, sql: "SELECT COUNT(*) > 0 FROM operation WHERE id = ?", arguments: [target]) ?? false
                failure = exists ? .alreadyUndone(target) : .noSuchOperation(target)
                return
            }
            for operation in live where operation >= target {
                try db.execute(sql: """
                    UPDATE operation_chunk SET after = (
                        SELECT data FROM flash_chunk f
                        WHERE f.region = operation_chunk.region AND f.offset = operation_chunk.offset)
                    WHERE operation_id = ?
                    """, arguments: [operation])
                try self.apply(operation, side: "before", db)
                try db.execute(sql: "UPDATE operation SET undone = 1 WHERE id = ?", arguments: [operation])
                undone.append(operation)
            }
        }
        if let failure { throw .journal(failure) }
        return undone
    }

    /// Redoes the oldest undone operation; returns its id.
    @discardableResult
    public func redo() throws(StoreError) -> Int64 {
        var redone: Int64?
        try writing { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM operation WHERE undone = 1 ORDER BY id LIMIT 1") else { return }
            try self.apply(id, side: "after", db)
            try db.execute(sql: "UPDATE operation SET undone = 0 WHERE id = ?", arguments: [id])
            redone = id
        }
        guard let redone else { throw .journal(.nothingToRedo) }
        return redone
    }

    /// Puts the chunks and option bytes of one side of an operation back into the device state.
    private func apply(_ id: Int64, side: String, _ db: Database) throws {
        guard let options = try String.fetchOne(db, sql: "SELECT options_\(side) FROM operation WHERE id = ?", arguments: [id]) else {
            throw StoreError.damaged(path: path, reason: "operation \(id) has no option bytes")
        }
        try OptionsCoding.restore(options, db, path: path)
        for row in try Row.fetchAll(db, sql: "SELECT region, offset, \(side) AS data FROM operation_chunk WHERE operation_id = ?",
                                    arguments: [id]) {
            let region: String = row["region"]
            let offset: Int = row["offset"]
            if let data: Data = row["data"] {
                try db.execute(sql: "INSERT OR REPLACE INTO flash_chunk (region, offset, data) VALUES (?, ?, ?)",
                               arguments: [region, offset, data])
            } else {
                try db.execute(sql: "DELETE FROM flash_chunk WHERE region = ? AND offset = ?", arguments: [region, offset])
            }
        }
    }

    private func operation(from row: Row, withTrace: Bool) throws -> StoredOperation {
        var trace: [RenderedTraceEntry] = []
        if withTrace, let text: String = row["trace"] {
            guard let decoded = TraceCoding.decode(text) else {
                throw StoreError.damaged(path: path, reason: "the trace of operation \(row["id"] as Int64) is unreadable")
            }
            trace = decoded
        }
        let record = OperationRecord(
            kind: row["kind"], command: row["command"], status: row["status"], summary: row["summary"],
            resultJSON: row["result"], trace: trace, traceTotal: row["trace_total"])
        return StoredOperation(id: row["id"], time: row["time"], undone: (row["undone"] as Int) != 0, record: record)
    }

    /// A chunk as stored: nil when it is erased.
    static func blob(_ bytes: ArraySlice<UInt8>) -> Data? {
        bytes.allSatisfy { $0 == 0xFF } ? nil : Data(bytes)
    }

    // MARK: Transactions

    func reading<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try reader.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .damaged(path: path, reason: Self.describe(error))
        }
    }

    func writing(_ body: (Database) throws -> Void) throws(StoreError) {
        do {
            try writableQueue().write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .cannotWrite(path: path, reason: Self.describe(error))
        }
    }
}

/// Option bytes as journal text, one register a line: `effective OPTR 0x7FEFF8AA`.
enum OptionsCoding {
    static func encode(_ state: DeviceState) -> String {
        var lines: [String] = []
        for (copy, options) in [("effective", state.effective), ("pending", state.pending)] {
            for register in OptionRegister.allCases {
                lines.append("\(copy) \(register.name) \(hex(options[register]))")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func restore(_ text: String, _ db: Database, path: String) throws {
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 3, ["effective", "pending"].contains(String(parts[0])),
                  OptionRegister.named(String(parts[1])) != nil,
                  let value = UInt32(parts[2].dropFirst(2), radix: 16) else {
                throw StoreError.damaged(path: path, reason: "unreadable option bytes in the journal: \(line)")
            }
            try db.execute(sql: "INSERT OR REPLACE INTO option_register (copy, name, value) VALUES (?, ?, ?)",
                           arguments: [String(parts[0]), String(parts[1]), Int64(value)])
        }
    }
}
