import FlashCore
import Foundation
import GRDB

/// What one operation leaves in the device file's history.
package struct OperationRecord: Sendable {
    package var kind: String
    package var command: String
    package var status: String
    package var summary: String
    /// The operation's result as a JSON document.
    package var resultJSON: String
    package var trace: [RenderedTraceEntry]
    /// Accesses the operation made, kept or not.
    package var traceTotal: Int

    package init(
        kind: String, command: String, status: String, summary: String, resultJSON: String,
        trace: [RenderedTraceEntry], traceTotal: Int
    ) {
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
package struct StoredOperation: Sendable {
    package var id: Int64
    package var time: String
    package var undone: Bool
    /// Undone, and then followed by a new operation: still listed, no longer redoable.
    package var superseded: Bool
    package var record: OperationRecord
}

/// Nothing to undo or redo, or no such operation.
package enum JournalError: Error, Equatable, Sendable, CustomStringConvertible {
    case nothingToUndo
    case nothingToRedo
    case noSuchOperation(Int64)
    case alreadyUndone(Int64)

    package var description: String {
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
    /// The prior contents are read from the file inside that transaction, so they are always
    /// what this write replaced; the save is refused if another process saved since `load()`.
    package func save(_ state: DeviceState, changes: DeviceChanges, operation: OperationRecord?) throws(StoreError) {
        try writing(.check) { db in
            guard let operation else { return try Self.writeState(state, changes: changes, db) }
            // A new operation ends the chance to redo what was undone: those stay in the history,
            // marked superseded (2), and what redoing them needed goes.
            try db.execute(
                sql: "DELETE FROM operation_chunk WHERE operation_id IN (SELECT id FROM operation WHERE undone = 1)")
            try db.execute(sql: "UPDATE operation SET undone = \(UndoneState.superseded.rawValue) WHERE undone = 1")
            let before = try self.loadOptions(db)
            try db.execute(
                sql: """
                    INSERT INTO operation (time, kind, command, status, summary, result, trace, trace_total, trace_kept,
                                           options_before, options_after)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    Self.timestamp(), operation.kind, operation.command, operation.status,
                    operation.summary, operation.resultJSON, TraceCoding.encode(operation.trace),
                    operation.traceTotal, operation.trace.count,
                    OptionsCoding.encode(effective: before.effective, pending: before.pending),
                    OptionsCoding.encode(effective: state.effective, pending: state.pending),
                ])
            let id = db.lastInsertedRowID
            // Only the prior contents are kept now; undo captures the later ones (the state at that moment) for redo.
            func record(_ region: String, _ offset: Int, size: Int, _ after: Data?) throws {
                let before = try self.storedChunk(region, offset, size: size, db)
                guard before != after else { return }
                try db.cachedStatement(
                    sql: "INSERT INTO operation_chunk (operation_id, region, offset, before) VALUES (?, ?, ?, ?)"
                )
                .execute(arguments: [id, region, offset, before])
            }
            let chunkSize = FlashArray.chunkSize
            let chunks = changes.flashChunks.map { Array($0).sorted() } ?? Array(0..<(state.flash.count / chunkSize))
            for chunk in chunks {
                let range = chunk * chunkSize..<(chunk + 1) * chunkSize
                guard range.upperBound <= state.flash.count else { continue }
                try record(Self.internalRegion, range.lowerBound, size: chunkSize, Self.blob(state.flash[range]))
            }
            if changes.otp {
                try record(Self.otpRegion, 0, size: Self.otpSize, Self.blob(state.otp[...]))
            }
            if let after = state.ospi {
                let offsets = try changes.ospiSectors ?? after.offsets.union(self.storedOSPIOffsets(db))
                for offset in offsets.sorted() {
                    try record(
                        Self.ospiRegion, Int(offset), size: Self.ospiSectorSize,
                        after.sector(at: offset).flatMap { Self.blob($0[...]) })
                }
            }
            try Self.writeState(state, changes: changes, db)
        }
    }

    /// Saves a state with no journal entry (settings such as model assumptions).
    package func save(_ state: DeviceState, changes: DeviceChanges) throws(StoreError) {
        try save(state, changes: changes, operation: nil)
    }

    /// A chunk's contents in the file now, nil when erased.
    private func storedChunk(_ region: String, _ offset: Int, size: Int, _ db: Database) throws -> Data? {
        let statement = try db.cachedStatement(
            sql: "SELECT region, offset, data FROM flash_chunk WHERE region = ? AND offset = ?")
        guard let row = try Row.fetchOne(statement, arguments: [region, offset]) else { return nil }
        return try CheckedRow(row, table: "flash_chunk", key: ["region", "offset"], path: path).blob(
            "data", count: size)
    }

    private func storedOSPIOffsets(_ db: Database) throws -> Set<UInt32> {
        var offsets = Set<UInt32>()
        for row in try db.checkedRows(
            "SELECT region, offset FROM flash_chunk WHERE region = ?", arguments: [Self.ospiRegion],
            table: "flash_chunk", key: ["region", "offset"], path: path)
        {
            offsets.insert(UInt32(try Self.checkedOffset(row, size: Self.ospiSectorSize, limit: Self.ospiSize)))
        }
        return offsets
    }

    /// Every operation, oldest first.
    package func operations() throws(StoreError) -> [StoredOperation] {
        try reading { db in
            try self.operationRows(db, "SELECT * FROM operation ORDER BY id").map {
                try self.operation(from: $0, withTrace: false)
            }
        }
    }

    package func operation(id: Int64) throws(StoreError) -> StoredOperation? {
        try reading { db in
            try self.operationRows(db, "SELECT * FROM operation WHERE id = ?", [id]).first.map {
                try self.operation(from: $0, withTrace: true)
            }
        }
    }

    /// The most recent operation that is not undone, with its trace.
    package func lastOperation() throws(StoreError) -> StoredOperation? {
        try reading { db in
            // Every row's `undone` is checked, not only the last one's: a TEXT 'x' would not equal 0.
            try self.operationRows(db, "SELECT * FROM operation ORDER BY id DESC").first { try !$0.undone() }
                .map { try self.operation(from: $0, withTrace: true) }
        }
    }

    private func operationRows(_ db: Database, _ sql: String, _ arguments: StatementArguments = []) throws
        -> [CheckedRow]
    {
        try db.checkedRows(sql, arguments: arguments, table: "operation", key: ["id"], path: path)
    }

    /// Undoes the latest operation, or every operation back to and including `id`; returns the ids undone.
    @discardableResult
    package func undo(through id: Int64? = nil) throws(StoreError) -> [Int64] {
        var undone: [Int64] = []
        var failure: JournalError?
        try writing(.bump) { db in
            let rows = try self.operationRows(db, "SELECT id, undone FROM operation ORDER BY id DESC")
            let live = try rows.filter { try !$0.undone() }.map { try $0.operationID() }
            guard let latest = live.first else { failure = .nothingToUndo; return }
            let target = id ?? latest
            guard live.contains(target) else {
                failure =
                    try rows.contains { try $0.operationID() == target }
                    ? .alreadyUndone(target) : .noSuchOperation(target)
                return
            }
            // The device as it is must load before anything is put back, and again after.
            let part = try self.loadState(db).part
            for operation in live where operation >= target {
                try db.execute(
                    sql: """
                        UPDATE operation_chunk SET after = (
                            SELECT data FROM flash_chunk f
                            WHERE f.region = operation_chunk.region AND f.offset = operation_chunk.offset)
                        WHERE operation_id = ?
                        """, arguments: [operation])
                try self.apply(operation, side: "before", part: part, db)
                try db.execute(sql: "UPDATE operation SET undone = 1 WHERE id = ?", arguments: [operation])
                undone.append(operation)
            }
            // What undo left must load; if not, the transaction is rolled back and the file stays as it was.
            _ = try self.loadState(db)
        }
        if let failure { throw .journal(failure) }
        return undone
    }

    /// Redoes the oldest undone operation; returns its id.
    @discardableResult
    package func redo() throws(StoreError) -> Int64 {
        var redone: Int64?
        try writing(.bump) { db in
            let rows = try self.operationRows(db, "SELECT id, undone FROM operation ORDER BY id")
            guard let id = try rows.first(where: { try $0.undoneState() == .redoable })?.operationID() else { return }
            try self.apply(id, side: "after", part: try self.loadState(db).part, db)
            try db.execute(sql: "UPDATE operation SET undone = 0 WHERE id = ?", arguments: [id])
            _ = try self.loadState(db)
            redone = id
        }
        guard let redone else { throw .journal(.nothingToRedo) }
        return redone
    }

    /// Puts the chunks and option bytes of one side of an operation back into the device state,
    /// after checking every row it takes them from.
    private func apply(_ id: Int64, side: String, part: Part, _ db: Database) throws {
        guard let row = try operationRows(db, "SELECT id, options_\(side) FROM operation WHERE id = ?", [id]).first
        else {
            throw StoreError.damaged(path: path, reason: "table operation has no row \(id)")
        }
        let options = try OptionsCoding.decode(try row.text("options_\(side)"), row: row)
        var chunks: [(region: String, offset: Int, data: Data?)] = []
        for chunk in try db.checkedRows(
            "SELECT region, offset, \(side) FROM operation_chunk WHERE operation_id = ?",
            arguments: [id], table: "operation_chunk", key: ["region", "offset"], path: path)
        {
            let region = try chunk.text("region")
            let (size, limit) =
                switch region {
                case Self.internalRegion: (FlashArray.chunkSize, Int(part.flashSize))
                case Self.ospiRegion where part.hasOctoSPIFlash: (Self.ospiSectorSize, Self.ospiSize)
                case Self.otpRegion: (Self.otpSize, Self.otpSize)
                default: throw chunk.damaged("region is not one of this part's flash arrays")
                }
            chunks.append(
                (
                    region, try Self.checkedOffset(chunk, size: size, limit: limit),
                    try chunk.optionalBlob(side, count: size)
                ))
        }
        for (copy, register, value) in options {
            try db.execute(
                sql: "INSERT OR REPLACE INTO option_register (copy, name, value) VALUES (?, ?, ?)",
                arguments: [copy, register.name, Int64(value)])
        }
        for chunk in chunks {
            try Self.writeChunk(region: chunk.region, offset: chunk.offset, chunk.data, db)
        }
    }

    private func operation(from row: CheckedRow, withTrace: Bool) throws -> StoredOperation {
        var trace: [RenderedTraceEntry] = []
        if withTrace, let text = try row.optionalText("trace") {
            guard let decoded = TraceCoding.decode(text) else { throw row.damaged("trace is unreadable") }
            trace = decoded
        }
        let record = OperationRecord(
            kind: try row.text("kind"), command: try row.text("command"), status: try row.text("status"),
            summary: try row.text("summary"), resultJSON: try row.text("result"), trace: trace,
            traceTotal: try row.int("trace_total", in: 0...Int.max))
        let state = try row.undoneState()
        return StoredOperation(
            id: try row.operationID(), time: try row.text("time"), undone: state != .live,
            superseded: state == .superseded, record: record)
    }

    /// A chunk as stored: nil when it is erased.
    static func blob(_ bytes: ArraySlice<UInt8>) -> Data? {
        bytes.allSatisfy { $0 == 0xFF } ? nil : Data(bytes)
    }
}

/// Option bytes as journal text, one register a line: `effective OPTR 0x7FEFF8AA`.
enum OptionsCoding {
    static let copies = ["effective", "pending"]

    static func encode(effective: OptionBytes, pending: OptionBytes) -> String {
        var lines: [String] = []
        for (copy, options) in zip(copies, [effective, pending]) {
            for register in OptionRegister.allCases {
                lines.append("\(copy) \(register.name) \(hex(options[register]))")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Every register of both copies, each exactly once; anything else is a damaged row.
    static func decode(_ text: String, row: CheckedRow) throws(StoreError) -> [(
        copy: String, register: OptionRegister, value: UInt32
    )] {
        var values: [(copy: String, register: OptionRegister, value: UInt32)] = []
        var seen = Set<String>()
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 3, copies.contains(String(parts[0])),
                let register = OptionRegister.named(String(parts[1])),
                parts[2].hasPrefix("0x"), let value = UInt32(parts[2].dropFirst(2), radix: 16),
                seen.insert("\(parts[0]) \(parts[1])").inserted
            else {
                throw row.damaged("unreadable option bytes: \(CheckedRow.quoted(String(line)))")
            }
            values.append((String(parts[0]), register, value))
        }
        guard values.count == copies.count * OptionRegister.allCases.count else {
            throw row.damaged(
                "option bytes list \(values.count) registers, not \(copies.count * OptionRegister.allCases.count)")
        }
        return values
    }
}

extension CheckedRow {
    /// An operation's id (an integer primary key in files made by FlashScope).
    func operationID() throws(StoreError) -> Int64 { try integer("id", in: 1...Int64.max) }

    func undone() throws(StoreError) -> Bool { try undoneState() != .live }

    func undoneState() throws(StoreError) -> UndoneState {
        UndoneState(rawValue: try integer("undone", in: 0...2)) ?? .live
    }
}

/// `operation.undone`: 0 in force, 1 undone (redo puts it back), 2 undone and then followed by a
/// new operation (listed, not redoable; schema 4).
enum UndoneState: Int64 {
    case live = 0, redoable = 1, superseded = 2
}
