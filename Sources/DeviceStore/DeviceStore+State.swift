import FlashCore
import Foundation
import GRDB

/// Reading and writing the device state: part, assumptions, option bytes and both flash arrays.
extension DeviceStore {
    public func load() throws(StoreError) -> DeviceState {
        try reading { db in try self.loadState(db) }
    }

    func loadState(_ db: Database) throws -> DeviceState {
        guard let partName = try String.fetchOne(db, sql: "SELECT part FROM device WHERE id = 1") else {
            throw StoreError.damaged(path: path, reason: "no device row")
        }
        guard let part = Part.named(partName) else { throw StoreError.unknownPart(path: path, name: partName) }
        var assumptions = ModelAssumptions()
        for row in try Row.fetchAll(db, sql: "SELECT name, value FROM assumption") {
            let name: String = row["name"]
            let value: String = row["value"]
            do { try assumptions.apply("\(name)=\(value)") } catch {
                throw StoreError.damaged(path: path, reason: "assumption \(name): \(error)")
            }
        }
        var effective = OptionBytes.factory
        var pending = OptionBytes.factory
        for row in try Row.fetchAll(db, sql: "SELECT copy, name, value FROM option_register") {
            let name: String = row["name"]
            let value: Int64 = row["value"]
            guard let register = OptionRegister.named(name), let word = UInt32(exactly: value) else {
                throw StoreError.damaged(path: path, reason: "option register \(name)=\(value)")
            }
            if (row["copy"] as String) == "effective" { effective[register] = word } else { pending[register] = word }
        }
        var flash = [UInt8](repeating: 0xFF, count: Int(part.flashSize))
        for (offset, data) in try chunks(db, region: Self.internalRegion, size: FlashArray.chunkSize, limit: flash.count) {
            flash.replaceSubrange(offset..<offset + data.count, with: data)
        }
        var ospi: NORPersistentState?
        if part.hasOctoSPIFlash {
            // Only which sectors hold data is read now; their bytes come when the model first touches them.
            var state = NORPersistentState(source: try ospiSource(db))
            for row in try Row.fetchAll(db, sql: "SELECT name, value FROM ospi_register") {
                let value: Int64 = row["value"]
                guard let byte = UInt8(exactly: value) else {
                    throw StoreError.damaged(path: path, reason: "OCTOSPI register \(row["name"] as String) = \(value)")
                }
                state.nonVolatile[row["name"]] = byte
            }
            ospi = state
        }
        return DeviceState(part: part, assumptions: assumptions, effective: effective, pending: pending,
                           flash: flash, ospi: ospi)
    }

    /// The OCTOSPI sectors of the file, fetched one at a time through the read-only connection.
    private func ospiSource(_ db: Database) throws -> SectorSource {
        var offsets = Set<UInt32>()
        let size = Self.ospiSectorSize
        for row in try Row.fetchAll(db, sql: "SELECT offset, LENGTH(data) AS length FROM flash_chunk WHERE region = ?",
                                    arguments: [Self.ospiRegion]) {
            let offset: Int = row["offset"]
            let length: Int = row["length"]
            guard offset >= 0, offset % size == 0, length == size, offset + size <= Self.ospiSize else {
                throw StoreError.damaged(path: path, reason: "ospi chunk at offset \(offset) (\(length) bytes) is out of place")
            }
            offsets.insert(UInt32(offset))
        }
        let reader = self.reader
        return SectorSource(offsets: offsets) { offset in
            let data: Data?? = try? reader.read { db in
                try Data.fetchOne(db, sql: "SELECT data FROM flash_chunk WHERE region = ? AND offset = ?",
                                  arguments: [DeviceStore.ospiRegion, Int(offset)])
            }
            guard let found = data, let bytes = found else { return nil }
            return [UInt8](bytes)
        }
    }

    static let ospiSectorSize = 0x1000
    static let ospiSize = 0x0400_0000

    /// The stored chunks of a region, checked for place and size.
    private func chunks(_ db: Database, region: String, size: Int, limit: Int) throws -> [(Int, Data)] {
        try Row.fetchAll(db, sql: "SELECT offset, data FROM flash_chunk WHERE region = ?", arguments: [region]).map { row in
            let offset: Int = row["offset"]
            let data: Data = row["data"]
            guard offset >= 0, offset % size == 0, data.count == size, offset + size <= limit else {
                throw StoreError.damaged(path: path, reason: "\(region) chunk at offset \(offset) (\(data.count) bytes) is out of place")
            }
            return (offset, data)
        }
    }

    static func writeState(_ state: DeviceState, changes: DeviceChanges, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM assumption")
        for (name, value) in state.assumptions.settings.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "INSERT INTO assumption (name, value) VALUES (?, ?)", arguments: [name, value])
        }
        for (copy, options) in [("effective", state.effective), ("pending", state.pending)] {
            for register in OptionRegister.allCases {
                try db.execute(sql: "INSERT OR REPLACE INTO option_register (copy, name, value) VALUES (?, ?, ?)",
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
        guard let ospi = state.ospi else { return }
        if let sectors = changes.ospiSectors {
            for offset in sectors.sorted() {
                try writeChunk(region: ospiRegion, offset: Int(offset), ospi.sector(at: offset).flatMap { blob($0[...]) }, db)
            }
        } else {
            try db.execute(sql: "DELETE FROM flash_chunk WHERE region = ?", arguments: [ospiRegion])
            for (offset, bytes) in ospi.allSectors.sorted(by: { $0.key < $1.key }) {
                try writeChunk(region: ospiRegion, offset: Int(offset), blob(bytes[...]), db)
            }
        }
        try db.execute(sql: "DELETE FROM ospi_register")
        for (name, value) in ospi.nonVolatile.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "INSERT INTO ospi_register (name, value) VALUES (?, ?)", arguments: [name, Int64(value)])
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
