import DeviceStore
import FlashCore
import Foundation
import Testing

/// OCTOSPI sectors stay in the file until the model touches them.
@Suite struct LazyOSPITests {
    private func deviceWithSectors(_ count: Int) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lazy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("device.fsdev").path
        var state = DeviceState.factoryFresh(.stm32l562xE)
        for index in 0..<count {
            state.ospi?.sectors[UInt32(index * 0x1000)] = [UInt8](repeating: UInt8(index % 200), count: 0x1000)
        }
        try DeviceStore.create(at: path, state: state, force: false)
        return path
    }

    @Test func openingReadsNoSectorData() throws {
        let path = try deviceWithSectors(64)
        let state = try DeviceStore.open(at: path).load()
        #expect(state.ospi?.sectors.isEmpty == true, "no sector is loaded at open")
        #expect(state.ospi?.offsets.count == 64)
        #expect(state.ospi?.sector(at: 0x5000) == [UInt8](repeating: 5, count: 0x1000))
    }

    @Test func theModelFetchesSectorsWhenTouched() throws {
        let path = try deviceWithSectors(16)
        let store = try DeviceStore.open(at: path)
        let initial = try store.load()
        let machine = Machine(state: initial)
        let engine = FlashEngine(machine: machine)
        #expect(try engine.read(from: 0x9000_3000, count: 4) == [3, 3, 3, 3])
        let image = try MemoryImage(segments: [.init(address: 0x9000_7010, bytes: [0xAB])])
        #expect(try engine.program(image).succeeded)
        try store.save(machine.state, changes: machine.changes, operation: nil)
        let reopened = try DeviceStore.open(at: path).load()
        var expected = [UInt8](repeating: 7, count: 0x1000)
        expected[0x10] = 0xAB
        #expect(reopened.ospi?.sector(at: 0x7000) == expected, "the touched sector was preserved and saved")
        #expect(reopened.ospi?.sector(at: 0xF000) == [UInt8](repeating: 15, count: 0x1000), "untouched sectors stay")
        #expect(reopened.ospi?.offsets.count == 16)
    }
}
