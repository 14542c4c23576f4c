import Foundation
import GRDB

/// One row of a device file, read column by column with checks of type, range and length.
///
/// Device files come from other people, and GRDB's typed subscripts (`row["x"] as Int`)
/// trap on NULL or TEXT; here a bad value is a damaged-file error naming the table and the row.
struct CheckedRow {
    let row: Row
    let table: String
    let path: String
    /// The row's key columns, to name it in a message.
    let key: [String]

    init(_ row: Row, table: String, key: [String], path: String) {
        self.row = row
        self.table = table
        self.key = key
        self.path = path
    }

    /// The stored value, NULL when the column is missing.
    func value(_ column: String) -> DatabaseValue {
        row.hasColumn(column) ? row[column] as DatabaseValue : .null
    }

    func damaged(_ problem: String) -> StoreError {
        let label = key.map { (column: String) -> String in
            let stored = value(column)
            if case .string(let text) = stored.storage { return "\(column) \(Self.quoted(text))" }
            return "\(column) \(Self.describe(stored))"
        }.joined(separator: ", ")
        return .damaged(path: path, reason: "table \(table), row \(label.isEmpty ? "1" : "(\(label))"): \(problem)")
    }

    func integer(_ column: String, in range: ClosedRange<Int64>) throws(StoreError) -> Int64 {
        let stored = value(column)
        guard case .int64(let number) = stored.storage else {
            throw damaged("\(column) is \(Self.describe(stored)), not an integer")
        }
        guard range.contains(number) else {
            throw damaged("\(column) is \(number), outside \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }

    /// An integer that fits `Int` (every range used here does).
    func int(_ column: String, in range: ClosedRange<Int>) throws(StoreError) -> Int {
        Int(try integer(column, in: Int64(range.lowerBound)...Int64(range.upperBound)))
    }

    func text(_ column: String) throws(StoreError) -> String {
        guard let text = try optionalText(column) else { throw damaged("\(column) is NULL, not text") }
        return text
    }

    func optionalText(_ column: String) throws(StoreError) -> String? {
        let stored = value(column)
        switch stored.storage {
        case .null: return nil
        case .string(let text): return text
        default: throw damaged("\(column) is \(Self.describe(stored)), not text")
        }
    }

    /// A BLOB of exactly `count` bytes. TEXT is refused even when it would convert:
    /// its length in characters is not its length in bytes.
    func blob(_ column: String, count: Int) throws(StoreError) -> Data {
        guard let data = try optionalBlob(column, count: count) else {
            throw damaged("\(column) is NULL, not a \(count)-byte BLOB")
        }
        return data
    }

    func optionalBlob(_ column: String, count: Int) throws(StoreError) -> Data? {
        let stored = value(column)
        switch stored.storage {
        case .null: return nil
        case .blob(let data) where data.count == count: return data
        default: throw damaged("\(column) is \(Self.describe(stored)), not a \(count)-byte BLOB")
        }
    }

    /// A stored value for a one-line message: short, quoted, control characters escaped.
    static func describe(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "NULL"
        case .int64(let number): "\(number)"
        case .double(let number): "REAL \(number)"
        case .string(let text): "TEXT \(quoted(text))"
        case .blob(let data): "a \(data.count)-byte BLOB"
        }
    }

    /// Text from the file, made safe for a one-line message.
    static func quoted(_ text: String) -> String {
        let short = text.count > 40 ? String(text.prefix(40)) + "…" : text
        return "'"
            + short.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? $0.escaped(asASCII: true) : String($0) }
            .joined() + "'"
    }
}

extension Database {
    /// Every row of a query, each wrapped for checked reading.
    func checkedRows(
        _ sql: String, arguments: StatementArguments = [], table: String, key: [String],
        path: String
    ) throws -> [CheckedRow] {
        try Row.fetchAll(self, sql: sql, arguments: arguments).map {
            CheckedRow($0, table: table, key: key, path: path)
        }
    }
}
