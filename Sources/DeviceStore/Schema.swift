import FlashCore
import Foundation
import GRDB

/// The device file's tables. `PRAGMA application_id` marks the file as ours and
/// `PRAGMA user_version` carries the schema version.
enum Schema {
    /// "FSCP": tells a FlashScope device file from any other SQLite file.
    static let applicationID: Int32 = 0x4653_4350
    /// 2 added `device.generation`; 3 added `device.uid` (and the flash_chunk region 'otp'); 4 keeps
    /// undone operations a new one follows (`operation.undone` = 2) instead of deleting them.
    /// An older file is migrated by its first write; until then it loads as if migrated.
    static let version = 4

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE device (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    part TEXT NOT NULL,
                    created TEXT NOT NULL,
                    -- Counts saves: a writer checks it has not moved since it read the device.
                    generation INTEGER NOT NULL DEFAULT 0,
                    uid BLOB
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
                -- The OCTOSPI flash's non-volatile registers (SR protection bits, CR, CR2 @0x40000000).
                CREATE TABLE ospi_register (
                    name TEXT PRIMARY KEY,
                    value INTEGER NOT NULL
                );
                -- Only chunks that hold data; a missing chunk is erased (0xFF). Region 'internal':
                -- 2 KB chunks of the physical embedded flash; region 'ospi': 4 KiB NOR sectors;
                -- region 'otp': the 512-byte OTP area, one chunk at offset 0.
                CREATE TABLE flash_chunk (
                    region TEXT NOT NULL,
                    offset INTEGER NOT NULL,
                    data BLOB NOT NULL,
                    PRIMARY KEY (region, offset)
                ) WITHOUT ROWID;
                -- The journal: one row per operation, newest last. An operation can be undone
                -- (undone = 1) and redone; a new operation makes the undone ones superseded
                -- (undone = 2: listed, not redoable) and drops their chunks.
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
                    trace_kept INTEGER NOT NULL DEFAULT 0,
                    options_before TEXT NOT NULL,
                    options_after TEXT NOT NULL,
                    undone INTEGER NOT NULL DEFAULT 0
                );
                -- What an operation changed, chunk by chunk; NULL means erased. `after` is filled
                -- when the operation is undone (the state then), so that redo can put it back.
                CREATE TABLE operation_chunk (
                    operation_id INTEGER NOT NULL REFERENCES operation(id) ON DELETE CASCADE,
                    region TEXT NOT NULL,
                    offset INTEGER NOT NULL,
                    before BLOB,
                    after BLOB,
                    PRIMARY KEY (operation_id, region, offset)
                ) WITHOUT ROWID;
                CREATE TABLE snapshot (
                    name TEXT PRIMARY KEY,
                    time TEXT NOT NULL,
                    options TEXT NOT NULL
                );
                CREATE TABLE snapshot_chunk (
                    name TEXT NOT NULL REFERENCES snapshot(name) ON DELETE CASCADE,
                    region TEXT NOT NULL,
                    offset INTEGER NOT NULL,
                    data BLOB NOT NULL,
                    PRIMARY KEY (name, region, offset)
                ) WITHOUT ROWID;
                """)
        try addIndexes(db)
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(sql: "PRAGMA user_version = \(version)")
    }

    /// Which OCTOSPI sectors a file holds, without walking the table itself: its rows keep
    /// 4 KiB each, so a full flash's listing would read every leaf page of 16,384 sectors.
    static let sectorPlaceIndex = "CREATE INDEX flash_chunk_place ON flash_chunk(region, offset)"
    /// The OCTOSPI rows `loadState` refuses: an offset that is not an integer multiple of the sector
    /// size inside the flash, or data that is not a whole sector as a BLOB (typeof() as well as
    /// LENGTH(): the length of TEXT is counted in characters, not bytes).
    static let misshapenSector = """
        region = '\(DeviceStore.ospiRegion)' \
        AND (typeof(offset) <> 'integer' OR offset < 0 OR offset > \(DeviceStore.ospiSize - DeviceStore.ospiSectorSize) \
        OR offset % \(DeviceStore.ospiSectorSize) <> 0 \
        OR typeof(data) <> 'blob' OR length(data) <> \(DeviceStore.ospiSectorSize))
        """
    /// Those rows are normally none, so loading finds them at once instead of reading every row.
    /// Used only when the file's index is exactly this.
    static let misshapenSectorIndex =
        "CREATE INDEX flash_chunk_misshapen ON flash_chunk(region, offset) WHERE \(misshapenSector)"

    /// Adds the indexes a file lacks (one made before them, or by a copy that dropped them), inside
    /// the caller's write transaction. They only speed loading up: the file reads the same without them.
    static func addIndexes(_ db: Database) throws {
        for sql in [sectorPlaceIndex, misshapenSectorIndex] {
            try db.execute(sql: sql.replacingOccurrences(of: "CREATE INDEX ", with: "CREATE INDEX IF NOT EXISTS "))
        }
    }

    /// Brings an older file up to this version, inside the caller's write transaction.
    static func migrate(_ db: Database) throws {
        let found = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        guard found < version else { return }
        let columns = try db.columns(in: "device").map(\.name)
        if !columns.contains("generation") {
            try db.execute(sql: "ALTER TABLE device ADD COLUMN generation INTEGER NOT NULL DEFAULT 0")
        }
        if !columns.contains("uid") {
            try db.execute(sql: "ALTER TABLE device ADD COLUMN uid BLOB")
        }
        // A file without a UID gets the one `loadState` derives for it, so it reads the same before and after.
        // (Only text values are taken; anything else is left for loading to report as damaged.)
        if let row = try Row.fetchOne(
            db,
            sql: """
                SELECT part, created FROM device
                WHERE id = 1 AND uid IS NULL AND typeof(part) = 'text' AND typeof(created) = 'text'
                """),
            let part = row["part"] as String?, let created = row["created"] as String?
        {
            try db.execute(
                sql: "UPDATE device SET uid = ? WHERE id = 1",
                arguments: [Data(uid(created: created, part: part).bytes)])
        }
        try db.execute(sql: "PRAGMA user_version = \(version)")
    }

    /// The UID of a file made before schema 3: derived from what the file already says about itself.
    static func uid(created: String, part: String) -> DeviceUID { DeviceUID(seed: "\(created) \(part)") }
}
