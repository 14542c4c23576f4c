import DeviceStore
import FlashCore
import Foundation
import GRDB
import Testing

/// Loading finds the OCTOSPI sectors, and the damaged ones, through two indexes instead of
/// reading every 4 KiB row; a file without them (or with foreign ones) is still read and checked.
@Suite struct SectorIndexTests {
    private let indexes = ["flash_chunk_place", "flash_chunk_misshapen"]

    private func device() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("device.fsdev").path
        var state = DeviceState.factoryFresh(.stm32l562xE)
        for index in 0..<8 {
            state.ospi?.sectors[UInt32(index * 0x1000)] = [UInt8](repeating: UInt8(index), count: 0x1000)
        }
        try DeviceStore.create(at: path, state: state, force: false)
        return path
    }

    private func indexNames(_ path: String) throws -> Set<String> {
        Set(
            try DatabaseQueue(path: path).read {
                try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index'")
            })
    }

    /// The file as a FlashScope from before the indexes made it.
    private func dropIndexes(_ path: String) throws {
        try DatabaseQueue(path: path).write { db in
            for name in indexes { try db.execute(sql: "DROP INDEX \(name)") }
        }
    }

    /// Sector 0x2000 stored as 4,095 bytes, as another program might have written it.
    private func shortenSector(_ path: String) throws {
        try DatabaseQueue(path: path).write {
            try $0.execute(sql: "UPDATE flash_chunk SET data = zeroblob(4095) WHERE region = 'ospi' AND offset = 8192")
        }
    }

    private func expectRefused(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let reason = "table flash_chunk, row (region 'ospi', offset 8192): data is not a 4096-byte BLOB"
        #expect(throws: StoreError.damaged(path: path, reason: reason), sourceLocation: sourceLocation) {
            _ = try DeviceStore.open(at: path, access: .read).load()
        }
    }

    @Test func aNewFileHasTheIndexesAndLoadsItsSectors() throws {
        let path = try device()
        #expect(try indexNames(path).isSuperset(of: indexes))
        let state = try DeviceStore.open(at: path, access: .read).load()
        #expect(state.ospi?.offsets == Set((0..<8).map { UInt32($0 * 0x1000) }))
        #expect(state.ospi?.sector(at: 0x7000) == [UInt8](repeating: 7, count: 0x1000))
    }

    @Test func aShortSectorIsRefusedThroughTheIndex() throws {
        let path = try device()
        try shortenSector(path)
        expectRefused(path)
    }

    @Test func withoutTheIndexesEverySectorIsStillListedAndChecked() throws {
        let path = try device()
        try dropIndexes(path)
        #expect(try DeviceStore.open(at: path, access: .read).load().ospi?.offsets.count == 8)
        try shortenSector(path)
        expectRefused(path)
    }

    /// An index of the same name that selects no row cannot hide a damaged sector.
    @Test func aForeignIndexOfTheSameNameIsNotTrusted() throws {
        let path = try device()
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "DROP INDEX flash_chunk_misshapen")
            try db.execute(sql: "CREATE INDEX flash_chunk_misshapen ON flash_chunk(region, offset) WHERE 0")
        }
        try shortenSector(path)
        expectRefused(path)
    }

    @Test func aSaveAddsTheIndexesAnOlderFileLacks() throws {
        let path = try device()
        try dropIndexes(path)
        let store = try DeviceStore.open(at: path)
        var state = try store.load()
        state.ospi?.sectors[0x9000] = [UInt8](repeating: 9, count: 0x1000)
        try store.save(state, changes: DeviceChanges(flashChunks: [], ospiSectors: [0x9000]))
        #expect(try indexNames(path).isSuperset(of: indexes))
        #expect(try DeviceStore.open(at: path, access: .read).load().ospi?.offsets.count == 9)
    }

    /// A sector out of place is named as before the indexes, with them or without.
    @Test(arguments: [true, false])
    func aSectorOutOfPlaceIsNamed(withIndexes: Bool) throws {
        let path = try device()
        if !withIndexes { try dropIndexes(path) }
        for (offset, reason) in [
            ("4097", "row (region 'ospi', offset 4097): offset 4097 is not a multiple of 4096"),
            ("'one'", "row (region 'ospi', offset 'one'): offset is TEXT 'one', not an integer"),
        ] {
            try DatabaseQueue(path: path).write { db in
                try db.execute(sql: "DELETE FROM flash_chunk WHERE region = 'ospi' AND offset <> 4096")
                try db.execute(sql: "UPDATE flash_chunk SET offset = \(offset) WHERE region = 'ospi'")
            }
            #expect(throws: StoreError.damaged(path: path, reason: "table flash_chunk, \(reason)")) {
                _ = try DeviceStore.open(at: path, access: .read).load()
            }
            try DatabaseQueue(path: path).write { db in
                try db.execute(sql: "UPDATE flash_chunk SET offset = 4096 WHERE region = 'ospi'")
            }
        }
    }
}
