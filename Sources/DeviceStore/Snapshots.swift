import FlashCore
import Foundation
import GRDB

/// A named copy of a device's option bytes and flash, kept in the same file.
package struct SnapshotInfo: Sendable, Equatable {
    package var name: String
    package var time: String
    package var bytesHeld: Int
}

extension DeviceStore {
    /// Saves the current state under a name (replacing a snapshot of the same name).
    package func saveSnapshot(_ name: String) throws(StoreError) {
        try writing(.keep) { db in
            try db.execute(sql: "DELETE FROM snapshot WHERE name = ?", arguments: [name])
            // Loading checks every chunk that is copied below.
            let state = try self.loadState(db)
            try db.execute(
                sql: "INSERT INTO snapshot (name, time, options) VALUES (?, ?, ?)",
                arguments: [
                    name, Self.timestamp(), OptionsCoding.encode(effective: state.effective, pending: state.pending),
                ])
            try db.execute(
                sql: """
                    INSERT INTO snapshot_chunk (name, region, offset, data)
                    SELECT ?, region, offset, data FROM flash_chunk WHERE region IN (?, ?, ?)
                    """, arguments: [name, Self.internalRegion, Self.ospiRegion, Self.otpRegion])
        }
    }

    /// The state a snapshot holds, or nil when there is none of that name.
    package func snapshotState(_ name: String) throws(StoreError) -> DeviceState? {
        try reading { db in
            let rows = try db.checkedRows(
                "SELECT name, options FROM snapshot WHERE name = ?", arguments: [name],
                table: "snapshot", key: ["name"], path: path)
            guard let snapshot = rows.first else { return nil }
            let options = try OptionsCoding.decode(try snapshot.text("options"), row: snapshot)
            var state = try self.loadState(db)
            state.flash = [UInt8](repeating: 0xFF, count: state.flash.count)
            state.ospi?.sectors = [:]
            state.ospi?.source = nil
            state.otp = [UInt8](repeating: 0xFF, count: Self.otpSize)
            for row in try db.checkedRows(
                "SELECT name, region, offset, data FROM snapshot_chunk WHERE name = ?", arguments: [name],
                table: "snapshot_chunk", key: ["name", "region", "offset"], path: path)
            {
                switch try row.text("region") {
                case Self.ospiRegion where state.ospi != nil:
                    let offset = try Self.checkedOffset(row, size: Self.ospiSectorSize, limit: Self.ospiSize)
                    state.ospi?.sectors[UInt32(offset)] = [UInt8](try row.blob("data", count: Self.ospiSectorSize))
                case Self.otpRegion:
                    _ = try Self.checkedOffset(row, size: Self.otpSize, limit: Self.otpSize)
                    state.otp = [UInt8](try row.blob("data", count: Self.otpSize))
                case Self.internalRegion:
                    let offset = try Self.checkedOffset(row, size: FlashArray.chunkSize, limit: state.flash.count)
                    state.flash.replaceSubrange(
                        offset..<offset + FlashArray.chunkSize, with: try row.blob("data", count: FlashArray.chunkSize))
                default:
                    throw row.damaged("region is not one of this part's flash arrays")
                }
            }
            for (copy, register, value) in options {
                if copy == "effective" { state.effective[register] = value } else { state.pending[register] = value }
            }
            return state
        }
    }

    package func snapshots() throws(StoreError) -> [SnapshotInfo] {
        try reading { db in
            try db.checkedRows(
                """
                SELECT s.name, s.time, COALESCE(SUM(LENGTH(c.data)), 0) AS bytes
                FROM snapshot s LEFT JOIN snapshot_chunk c ON c.name = s.name
                GROUP BY s.name ORDER BY s.time, s.name
                """, table: "snapshot", key: ["name"], path: path
            ).map {
                SnapshotInfo(
                    name: try $0.text("name"), time: try $0.text("time"),
                    bytesHeld: try $0.int("bytes", in: 0...Int.max))
            }
        }
    }

    /// Deletes a snapshot; false when there was none of that name.
    @discardableResult
    package func deleteSnapshot(_ name: String) throws(StoreError) -> Bool {
        var deleted = false
        try writing(.keep) { db in
            try db.execute(sql: "DELETE FROM snapshot WHERE name = ?", arguments: [name])
            deleted = db.changesCount > 0
        }
        return deleted
    }
}
