import GRDB

/// The device file's tables. `PRAGMA application_id` marks the file as ours and
/// `PRAGMA user_version` carries the schema version.
enum Schema {
    /// "FSCP": tells a FlashScope device file from any other SQLite file.
    static let applicationID: Int32 = 0x4653_4350
    static let version = 1

    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE device (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                part TEXT NOT NULL,
                created TEXT NOT NULL
            );
            CREATE TABLE assumption (
                name TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );
            CREATE TABLE option_register (
                copy TEXT NOT NULL CHECK (copy IN ('effective', 'pending')),
                name TEXT NOT NULL,
                value INTEGER NOT NULL,
                PRIMARY KEY (copy, name)
            );
            -- Only chunks that hold data; a missing chunk is erased (0xFF).
            CREATE TABLE flash_chunk (
                region TEXT NOT NULL,
                offset INTEGER NOT NULL,
                data BLOB NOT NULL,
                PRIMARY KEY (region, offset)
            ) WITHOUT ROWID;
            -- One row per operation that ran against the device, newest last.
            CREATE TABLE operation (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                time TEXT NOT NULL,
                kind TEXT NOT NULL,
                command TEXT NOT NULL,
                status TEXT NOT NULL,
                summary TEXT NOT NULL,
                result TEXT NOT NULL,
                trace TEXT,
                trace_total INTEGER NOT NULL DEFAULT 0,
                trace_kept INTEGER NOT NULL DEFAULT 0
            );
            """)
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(sql: "PRAGMA user_version = \(version)")
    }
}
