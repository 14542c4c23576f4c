import FlashCore
import Foundation
import GRDB

/// Reading and writing the device state: part, assumptions, option bytes and both flash arrays.
extension DeviceStore {
    /// The state, and the generation it belongs to (read in the same transaction) for the next save.
    package func load() throws(StoreError) -> DeviceState {
        let (state, generation) = try reading { db in (try self.loadState(db), try Self.generation(db, path: self.path))
        }
        loadedGeneration = generation
        return state
    }

    func loadState(_ db: Database) throws -> DeviceState {
        let part = try loadPart(db)
        var assumptions = ModelAssumptions()
        for row in try db.checkedRows(
            "SELECT name, value FROM assumption", table: "assumption", key: ["name"], path: path)
        {
            let name = try row.text("name")
            let value = try row.text("value")
            do { try assumptions.apply("\(name)=\(value)") } catch {
                throw row.damaged("not a model assumption (\(CheckedRow.quoted("\(error)")))")
            }
        }
        let (effective, pending) = try loadOptions(db)
        var flash = [UInt8](repeating: 0xFF, count: Int(part.flashSize))
        for (offset, data) in try chunks(
            db, region: Self.internalRegion, size: FlashArray.chunkSize, limit: flash.count)
        {
            flash.replaceSubrange(offset..<offset + data.count, with: data)
        }
        var ospi: NORPersistentState?
        if part.hasOctoSPIFlash {
            // Only which sectors hold data is read now; their bytes come when the model first touches them.
            var state = NORPersistentState(source: try ospiSource(db))
            for row in try db.checkedRows(
                "SELECT name, value FROM ospi_register", table: "ospi_register", key: ["name"], path: path)
            {
                state.nonVolatile[try row.text("name")] = UInt8(try row.int("value", in: 0...0xFF))
            }
            ospi = state
        }
        var otp = [UInt8](repeating: 0xFF, count: Self.otpSize)
        for (offset, data) in try chunks(db, region: Self.otpRegion, size: Self.otpSize, limit: Self.otpSize) {
            otp.replaceSubrange(offset..<offset + data.count, with: data)
        }
        return DeviceState(
            part: part, assumptions: assumptions, effective: effective, pending: pending,
            flash: flash, ospi: ospi, otp: otp, uid: try loadUID(db, part: part))
    }

    /// The stored UID; a file from before schema 3 (not yet migrated) gets the one its migration will store.
    func loadUID(_ db: Database, part: Part) throws -> DeviceUID {
        let hasColumn = try db.columns(in: "device").contains { $0.name == "uid" }
        let columns = hasColumn ? "created, uid" : "created"
        guard
            let row = try db.checkedRows(
                "SELECT \(columns) FROM device WHERE id = 1", table: "device", key: [], path: path
            ).first
        else { throw StoreError.damaged(path: path, reason: "table device has no row 1") }
        if hasColumn, let stored = try row.optionalBlob("uid", count: 12), let uid = DeviceUID(bytes: [UInt8](stored)) {
            return uid
        }
        return Schema.uid(created: try row.text("created"), part: part.name)
    }

    static let otpSize = Int(SystemArea.otpSize)

    func loadPart(_ db: Database) throws -> Part {
        guard
            let row = try db.checkedRows("SELECT part FROM device WHERE id = 1", table: "device", key: [], path: path)
                .first
        else {
            throw StoreError.damaged(path: path, reason: "table device has no row 1")
        }
        let name = try row.text("part")
        guard let part = Part.named(name) else { throw StoreError.unknownPart(path: path, name: name) }
        return part
    }

    /// The effective and pending option bytes as stored.
    func loadOptions(_ db: Database) throws -> (effective: OptionBytes, pending: OptionBytes) {
        var effective = OptionBytes.factory
        var pending = OptionBytes.factory
        for row in try db.checkedRows(
            "SELECT copy, name, value FROM option_register", table: "option_register",
            key: ["copy", "name"], path: path)
        {
            let copy = try row.text("copy")
            guard let register = OptionRegister.named(try row.text("name")) else {
                throw row.damaged("no such option register")
            }
            let word = UInt32(try row.integer("value", in: 0...Int64(UInt32.max)))
            switch copy {
            case "effective": effective[register] = word
            case "pending": pending[register] = word
            default: throw row.damaged("copy is neither 'effective' nor 'pending'")
            }
        }
        return (effective, pending)
    }

    /// The OCTOSPI sectors of the file, fetched one at a time through the read-only connection.
    ///
    /// Loading reads the sectors' places, not their bytes: from the `flash_chunk_place` index, once
    /// `flash_chunk_misshapen` has shown that no row is out of place or not a whole-sector BLOB (a
    /// file without these indexes is read row by row instead, as slowly as it is large).
    private func ospiSource(_ db: Database) throws -> SectorSource {
        let size = Self.ospiSectorSize
        let indexed = try Self.hasIndex(db, named: "flash_chunk_misshapen", Schema.misshapenSectorIndex)
        for row in try db.checkedRows(
            "SELECT region, offset FROM flash_chunk \(indexed ? "INDEXED BY flash_chunk_misshapen " : "")"
                + "WHERE \(Schema.misshapenSector) LIMIT 1", table: "flash_chunk", key: ["region", "offset"], path: path
        ) {
            _ = try Self.checkedOffset(row, size: size, limit: Self.ospiSize)
            throw row.damaged("data is not a \(size)-byte BLOB")
        }
        // Every offset is now a checked integer (in this same transaction), so they are read as plain
        // integers, straight from the statement: a row or a DatabaseValue each costs more than the query.
        var listed: [UInt32] = []
        let values = try Int64.fetchCursor(
            db, sql: "SELECT offset FROM flash_chunk WHERE region = ?", arguments: [Self.ospiRegion])
        while let offset = try values.next() {
            guard let sector = UInt32(exactly: offset) else {
                throw StoreError.damaged(path: path, reason: "table flash_chunk changed while it was read")
            }
            listed.append(sector)
        }
        let offsets = Set(listed)
        let reader = self.reader
        let path = self.path
        return SectorSource(offsets: offsets) { offset in
            // Checked again: another process may have replaced the file since.
            let data: Data?? = try? reader.read { db in
                try db.checkedRows(
                    "SELECT region, offset, data FROM flash_chunk WHERE region = ? AND offset = ?",
                    arguments: [DeviceStore.ospiRegion, Int(offset)], table: "flash_chunk",
                    key: ["region", "offset"], path: path
                ).first.map { try $0.blob("data", count: size) }
            }
            guard let found = data, let bytes = found else { return nil }
            return [UInt8](bytes)
        }
    }

    /// The device file keeps the OCTOSPI flash by sector, as the chip erases it.
    static let ospiSectorSize = Int(MX25LM51245G.geometry.sectorSize)
    static let ospiSize = Int(MX25LM51245G.geometry.size)

    /// A chunk's offset, checked to be a multiple of `size` with the whole chunk below `limit`.
    static func checkedOffset(_ row: CheckedRow, size: Int, limit: Int) throws(StoreError) -> Int {
        let offset = try row.int("offset", in: 0...(limit - size))
        guard offset % size == 0 else { throw row.damaged("offset \(offset) is not a multiple of \(size)") }
        return offset
    }

    /// Whether the file has the index `name` exactly as `sql` makes it (a file from elsewhere may
    /// have one of that name that selects other rows).
    static func hasIndex(_ db: Database, named name: String, _ sql: String) throws -> Bool {
        try DatabaseValue.fetchOne(
            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", arguments: [name])
            == sql.databaseValue
    }

    /// The stored chunks of a region, checked for place and size.
    private func chunks(_ db: Database, region: String, size: Int, limit: Int) throws -> [(Int, Data)] {
        try db.checkedRows(
            "SELECT region, offset, data FROM flash_chunk WHERE region = ?", arguments: [region],
            table: "flash_chunk", key: ["region", "offset"], path: path
        ).map { row in
            (try Self.checkedOffset(row, size: size, limit: limit), try row.blob("data", count: size))
        }
    }

    static func writeState(_ state: DeviceState, changes: DeviceChanges, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM assumption")
        for (name, value) in state.assumptions.settings.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "INSERT INTO assumption (name, value) VALUES (?, ?)", arguments: [name, value])
        }
        for (copy, options) in [("effective", state.effective), ("pending", state.pending)] {
            for register in OptionRegister.allCases {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO option_register (copy, name, value) VALUES (?, ?, ?)",
                    arguments: [copy, register.name, Int64(options[register])])
            }
        }
        let chunkSize = FlashArray.chunkSize
        let chunks = changes.flashChunks.map { Array($0).sorted() } ?? Array(0..<(state.flash.count / chunkSize))
        for chunk in chunks {
            let offset = chunk * chunkSize
            guard offset + chunkSize <= state.flash.count else { continue }
            try writeChunk(region: internalRegion, offset: offset, blob(state.flash[offset..<offset + chunkSize]), db)
        }
        if changes.otp {
            try writeChunk(region: otpRegion, offset: 0, blob(state.otp[...]), db)
        }
        guard let ospi = state.ospi else { return }
        if let sectors = changes.ospiSectors {
            for offset in sectors.sorted() {
                try writeChunk(
                    region: ospiRegion, offset: Int(offset), ospi.sector(at: offset).flatMap { blob($0[...]) }, db)
            }
        } else {
            try db.execute(sql: "DELETE FROM flash_chunk WHERE region = ?", arguments: [ospiRegion])
            for (offset, bytes) in ospi.allSectors.sorted(by: { $0.key < $1.key }) {
                try writeChunk(region: ospiRegion, offset: Int(offset), blob(bytes[...]), db)
            }
        }
        try db.execute(sql: "DELETE FROM ospi_register")
        for (name, value) in ospi.nonVolatile.sorted(by: { $0.key < $1.key }) {
            try db.execute(
                sql: "INSERT INTO ospi_register (name, value) VALUES (?, ?)", arguments: [name, Int64(value)])
        }
    }

    /// Stores a chunk, or deletes it when it is erased (nil).
    static func writeChunk(region: String, offset: Int, _ data: Data?, _ db: Database) throws {
        // Cached statements: a full OCTOSPI save writes 16,384 chunks.
        if let data {
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO flash_chunk (region, offset, data) VALUES (?, ?, ?)")
                .execute(arguments: [region, offset, data])
        } else {
            try db.cachedStatement(sql: "DELETE FROM flash_chunk WHERE region = ? AND offset = ?")
                .execute(arguments: [region, offset])
        }
    }
}
