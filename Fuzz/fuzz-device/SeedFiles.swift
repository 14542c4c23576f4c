import DeviceStore
import FlashCore
import Foundation
import GRDB

/// The fuzzer's starting corpus: device files written by the store (fresh, and with data,
/// a journal, a trace and a snapshot), and copies damaged the ways crafted files are.
enum SeedFiles {
    /// One kind of damage: a statement run on a copy of the full seed file, whose table is
    /// first rebuilt without constraints (as a crafted file's would be), and which reading
    /// of the file must refuse it.
    struct Damage: Sendable, CustomStringConvertible {
        enum Reader: Sendable { case state, journal, trace, undo, snapshot }

        let name: String
        let table: String
        let sql: String
        let reader: Reader

        var description: String { name }
    }

    static let damage: [Damage] = [
        Damage(name: "null-part", table: "device", sql: "UPDATE device SET part = NULL", reader: .state),
        Damage(name: "blob-part", table: "device", sql: "UPDATE device SET part = x'FF00'", reader: .state),
        Damage(name: "text-generation", table: "device", sql: "UPDATE device SET generation = 'x'", reader: .state),
        Damage(name: "negative-generation", table: "device", sql: "UPDATE device SET generation = -1", reader: .state),
        Damage(
            name: "null-assumption", table: "assumption",
            sql: "INSERT INTO assumption (name, value) VALUES ('bker-under-swap', NULL)", reader: .state),
        Damage(
            name: "unknown-assumption-value", table: "assumption",
            sql: "INSERT INTO assumption (name, value) VALUES ('bker-under-swap', 'sideways')", reader: .state),
        Damage(
            name: "blob-assumption-name", table: "assumption",
            sql: "INSERT INTO assumption (name, value) VALUES (x'00', 'x')", reader: .state),
        Damage(
            name: "null-option", table: "option_register",
            sql: "UPDATE option_register SET value = NULL WHERE name = 'OPTR'", reader: .state),
        Damage(
            name: "text-option", table: "option_register",
            sql: "UPDATE option_register SET value = 'on' WHERE name = 'OPTR'", reader: .state),
        Damage(
            name: "negative-option", table: "option_register",
            sql: "UPDATE option_register SET value = -1 WHERE name = 'OPTR'", reader: .state),
        Damage(
            name: "wide-option", table: "option_register",
            sql: "UPDATE option_register SET value = 4294967296 WHERE name = 'OPTR'", reader: .state),
        Damage(
            name: "null-copy", table: "option_register",
            sql: "UPDATE option_register SET copy = NULL WHERE name = 'OPTR'", reader: .state),
        Damage(
            name: "text-ospi-register", table: "ospi_register",
            sql: "INSERT INTO ospi_register (name, value) VALUES ('SR', 'high')", reader: .state),
        Damage(
            name: "wide-ospi-register", table: "ospi_register",
            sql: "INSERT INTO ospi_register (name, value) VALUES ('SR', 256)", reader: .state),
        Damage(
            name: "negative-ospi-register", table: "ospi_register",
            sql: "INSERT INTO ospi_register (name, value) VALUES ('SR', -1)", reader: .state),
        Damage(
            name: "null-ospi-register", table: "ospi_register",
            sql: "INSERT INTO ospi_register (name, value) VALUES ('SR', NULL)", reader: .state),
        Damage(
            name: "null-offset", table: "flash_chunk",
            sql: "UPDATE flash_chunk SET offset = NULL WHERE region = 'internal'", reader: .state),
        Damage(
            name: "text-offset", table: "flash_chunk",
            sql: "UPDATE flash_chunk SET offset = 'zero' WHERE region = 'internal'", reader: .state),
        Damage(
            name: "negative-offset", table: "flash_chunk",
            sql: "UPDATE flash_chunk SET offset = -2048 WHERE region = 'internal'", reader: .state),
        Damage(
            name: "huge-offset", table: "flash_chunk",
            sql: "UPDATE flash_chunk SET offset = 9223372036854775807 WHERE region = 'ospi'", reader: .state),
        Damage(
            name: "null-chunk", table: "flash_chunk",
            sql: "UPDATE flash_chunk SET data = NULL WHERE region = 'internal'", reader: .state),
        Damage(
            name: "short-chunk", table: "flash_chunk",
            sql: "UPDATE flash_chunk SET data = x'0102' WHERE region = 'internal'", reader: .state),
        Damage(
            name: "text-chunk", table: "flash_chunk",
            sql: "UPDATE flash_chunk SET data = 'data' WHERE region = 'internal'", reader: .state),
        // 4096 characters, so LENGTH() passes, but 8192 bytes of UTF-8.
        Damage(
            name: "multibyte-ospi-sector", table: "flash_chunk",
            sql: "UPDATE flash_chunk SET data = replace(printf('%.4096c', 'x'), 'x', 'é') WHERE region = 'ospi'",
            reader: .state),
        Damage(name: "null-kind", table: "operation", sql: "UPDATE operation SET kind = NULL", reader: .journal),
        Damage(
            name: "text-id", table: "operation", sql: "UPDATE operation SET id = 'one' WHERE id = 1", reader: .journal),
        Damage(
            name: "null-trace-total", table: "operation", sql: "UPDATE operation SET trace_total = NULL",
            reader: .journal),
        Damage(
            name: "negative-trace-total", table: "operation", sql: "UPDATE operation SET trace_total = -5",
            reader: .journal),
        Damage(name: "text-undone", table: "operation", sql: "UPDATE operation SET undone = 'no'", reader: .journal),
        Damage(name: "wide-undone", table: "operation", sql: "UPDATE operation SET undone = 3", reader: .journal),
        Damage(name: "blob-time", table: "operation", sql: "UPDATE operation SET time = x'00'", reader: .journal),
        Damage(name: "garbage-trace", table: "operation", sql: "UPDATE operation SET trace = 'a\tb'", reader: .trace),
        Damage(name: "blob-trace", table: "operation", sql: "UPDATE operation SET trace = x'FFFE'", reader: .trace),
        Damage(
            name: "garbage-options", table: "operation",
            sql: "UPDATE operation SET options_before = 'effective OPTR nonsense'", reader: .undo),
        Damage(
            name: "missing-options", table: "operation", sql: "UPDATE operation SET options_before = ''", reader: .undo),
        Damage(
            name: "null-options", table: "operation", sql: "UPDATE operation SET options_before = NULL", reader: .undo),
        Damage(
            name: "short-before", table: "operation_chunk", sql: "UPDATE operation_chunk SET before = x'01'",
            reader: .undo),
        Damage(
            name: "text-before", table: "operation_chunk", sql: "UPDATE operation_chunk SET before = 'before'",
            reader: .undo),
        Damage(
            name: "negative-before-offset", table: "operation_chunk", sql: "UPDATE operation_chunk SET offset = -4096",
            reader: .undo),
        Damage(
            name: "outside-before", table: "operation_chunk",
            sql: "UPDATE operation_chunk SET offset = 1048576 WHERE region = 'internal'", reader: .undo),
        Damage(
            name: "null-before-region", table: "operation_chunk", sql: "UPDATE operation_chunk SET region = NULL",
            reader: .undo),
        Damage(
            name: "snapshot-text-chunk", table: "snapshot_chunk", sql: "UPDATE snapshot_chunk SET data = 'data'",
            reader: .snapshot),
        Damage(
            name: "snapshot-null-offset", table: "snapshot_chunk", sql: "UPDATE snapshot_chunk SET offset = NULL",
            reader: .snapshot),
        Damage(
            name: "snapshot-short-chunk", table: "snapshot_chunk", sql: "UPDATE snapshot_chunk SET data = x'00'",
            reader: .snapshot),
        Damage(
            name: "snapshot-negative-offset", table: "snapshot_chunk", sql: "UPDATE snapshot_chunk SET offset = -2048",
            reader: .snapshot),
        Damage(
            name: "snapshot-null-options", table: "snapshot", sql: "UPDATE snapshot SET options = NULL",
            reader: .snapshot),
        Damage(
            name: "snapshot-garbage-options", table: "snapshot", sql: "UPDATE snapshot SET options = 'effective'",
            reader: .snapshot),
    ]

    /// Writes the full seed file at `path` with one kind of damage.
    static func writeDamaged(_ damage: Damage, at path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        try writeFull(at: path)
        try selfContained(path)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        try DatabaseQueue(path: path, configuration: configuration).write { db in
            try db.execute(
                sql: """
                    CREATE TABLE loose AS SELECT * FROM \(damage.table);
                    DROP TABLE \(damage.table);
                    ALTER TABLE loose RENAME TO \(damage.table);
                    """)
            try db.execute(sql: damage.sql)
        }
        try selfContained(path)
    }

    static func write(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let fresh = directory + "/fresh-l552.fsdev"
        try DeviceStore.create(at: fresh, state: .factoryFresh(.stm32l552xE), force: true)
        try selfContained(fresh)
        let full = directory + "/full-l562.fsdev"
        try writeFull(at: full)
        try selfContained(full)
        for kind in damage {
            try writeDamaged(kind, at: directory + "/damaged-\(kind.name).fsdev")
        }
    }

    /// Internal and OCTOSPI data, two operations (one undone), a trace and a snapshot.
    static func writeFull(at path: String) throws {
        var state = DeviceState.factoryFresh(.stm32l562xE)
        let store = try DeviceStore.create(at: path, state: state, force: true)
        let trace = [
            RenderedTraceEntry(
                seq: 1, access: "write", address: 0x0800_0000, size: 4, region: "flash", register: nil,
                value: 0x1234_5678, changes: ["programmed"], notes: ["seed"], time: 10)
        ]
        for step in 0..<2 {
            state.flash[step * FlashArray.chunkSize] = UInt8(step + 1)
            state.ospi?.sectors[0x1000] = [UInt8](repeating: UInt8(0x40 + step), count: 4096)
            state.effective[.optr] ^= 1
            let record = OperationRecord(
                kind: "program", command: "seed \(step)", status: "ok", summary: "seed",
                resultJSON: "{}", trace: trace, traceTotal: trace.count)
            try store.save(state, changes: DeviceChanges(flashChunks: [step], ospiSectors: [0x1000]), operation: record)
        }
        try store.undo()
        try store.saveSnapshot("seed")
    }

    /// Folds the WAL into the file, so that the one file is the whole device.
    static func selfContained(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        try queue.close()
    }
}
