import FlashCore
import Foundation
import GRDB

/// A named copy of a device's option bytes and flash, kept in the same file.
public struct SnapshotInfo: Sendable, Equatable {
    public var name: String
    public var time: String
    public var bytesHeld: Int
}

extension DeviceStore {
    /// Saves the current state under a name (replacing a snapshot of the same name).
    public func saveSnapshot(_ name: String) throws(StoreError) {
        try writing { db in
            try db.execute(sql: "DELETE FROM snapshot WHERE name = ?", arguments: [name])
            let state = try self.loadState(db)
            try db.execute(sql: "INSERT INTO snapshot (name, time, options) VALUES (?, ?, ?)",
                           arguments: [name, Self.timestamp(), OptionsCoding.encode(state)])
            try db.execute(sql: """
                INSERT INTO snapshot_chunk (name, region, offset, data)
                SELECT ?, region, offset, data FROM flash_chunk
                """, arguments: [name])
        }
    }

    /// The state a snapshot holds, or nil when there is none of that name.
    public func snapshotState(_ name: String) throws(StoreError) -> DeviceState? {
        try reading { db in
            guard let options = try String.fetchOne(db, sql: "SELECT options FROM snapshot WHERE name = ?", arguments: [name]) else {
                return nil
            }
            var state = try self.loadState(db)
            state.flash = [UInt8](repeating: 0xFF, count: state.flash.count)
            state.ospi?.sectors = [:]
            state.ospi?.source = nil
            for row in try Row.fetchAll(db, sql: "SELECT region, offset, data FROM snapshot_chunk WHERE name = ?",
                                        arguments: [name]) {
                let region: String = row["region"]
                let offset: Int = row["offset"]
                let data: Data = row["data"]
                if region == Self.ospiRegion, state.ospi != nil, offset % Self.ospiSectorSize == 0,
                   data.count == Self.ospiSectorSize, offset + data.count <= Self.ospiSize {
                    state.ospi?.sectors[UInt32(offset)] = [UInt8](data)
                } else if region == Self.internalRegion, offset >= 0, offset + data.count <= state.flash.count {
                    state.flash.replaceSubrange(offset..<offset + data.count, with: data)
                } else {
                    throw StoreError.damaged(path: path, reason: "snapshot \(name) has a chunk out of place")
                }
            }
            for line in options.split(separator: "\n") {
                let parts = line.split(separator: " ")
                guard parts.count == 3, let register = OptionRegister.named(String(parts[1])),
                      let value = UInt32(parts[2].dropFirst(2), radix: 16) else {
                    throw StoreError.damaged(path: path, reason: "snapshot \(name) has unreadable option bytes")
                }
                if parts[0] == "effective" { state.effective[register] = value } else { state.pending[register] = value }
            }
            return state
        }
    }

    public func snapshots() throws(StoreError) -> [SnapshotInfo] {
        try reading { db in
            try Row.fetchAll(db, sql: """
                SELECT s.name, s.time, COALESCE(SUM(LENGTH(c.data)), 0) AS bytes
                FROM snapshot s LEFT JOIN snapshot_chunk c ON c.name = s.name
                GROUP BY s.name ORDER BY s.time, s.name
                """).map { SnapshotInfo(name: $0["name"], time: $0["time"], bytesHeld: $0["bytes"]) }
        }
    }

    /// Deletes a snapshot; false when there was none of that name.
    @discardableResult
    public func deleteSnapshot(_ name: String) throws(StoreError) -> Bool {
        var deleted = false
        try writing { db in
            try db.execute(sql: "DELETE FROM snapshot WHERE name = ?", arguments: [name])
            deleted = db.changesCount > 0
        }
        return deleted
    }
}
