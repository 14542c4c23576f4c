import Testing
@testable import FlashCore

/// The loader-style algorithm end to end, through bus accesses only (reference §2.3–§2.5, §5.1).
@Suite struct OctoSPIAlgorithmTests {
    let bench = OctoSPIBench()
    let algorithm = OctoSPIFlashAlgorithm()

    func pattern(_ count: Int, seed: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 31) ^ ($0 >> 8) ^ seed) }
    }

    func readWindow(_ address: UInt32, count: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        for offset in stride(from: 0, to: count, by: 1) {
            guard let byte = bench.bus.read(address + UInt32(offset), size: .byte) else { return nil }
            bytes.append(UInt8(byte))
        }
        return bytes
    }

    @Test func declaresTheBoardGeometry() {
        #expect(algorithm.addressRange == 0x9000_0000...0x93FF_FFFF)
        #expect(algorithm.pageSize == 256)
        #expect(algorithm.sector(containing: 0x9000_1234) == DeclaredSector(start: 0x9000_1000, size: 0x1000))
        #expect(algorithm.block(containing: 0x9001_2345) == DeclaredSector(start: 0x9001_0000, size: 0x1_0000))
        #expect(algorithm.sector(containing: 0x9400_0000) == nil)
    }

    @Test func initializeLeavesTheFlashInDTRWithSixDummyCycles() {
        #expect(algorithm.initialize(bus: bench.bus, address: 0x9000_0000, clock: 0, function: .program) == 0)
        #expect(bench.flash.mode == .dtrOPI)
        #expect(bench.flash.octalReadDummyCycles == 6)
        // DCR1: DEVSIZE=25, CSHT=1; DCR2: PRESCALER=2 (reference §2.2).
        #expect(bench.read(OctoSPIRegister.dcr1) >> 16 & 0x1F == 25)
        #expect(bench.read(OctoSPIRegister.dcr1) >> 8 & 0x7 == 1)
        #expect(bench.read(OctoSPIRegister.dcr2) & 0xFF == 2)
    }

    @Test(arguments: NORProtocolMode.allCases)
    func initializeResetsTheFlashFromAnyMode(mode: NORProtocolMode) {
        if mode != .spi { bench.flash.switchMode(from: .spi, to: mode) }
        #expect(algorithm.initialize(bus: bench.bus, address: 0x9000_0000, clock: 0, function: .erase) == 0)
        #expect(bench.flash.mode == .dtrOPI)
    }

    @Test func programmedBytesReadBackThroughTheWindow() {
        #expect(algorithm.initialize(bus: bench.bus, address: 0x9000_0000, clock: 0, function: .program) == 0)
        let start: UInt32 = 0x9012_3F81
        let bytes = pattern(700, seed: 0x5A)
        #expect(algorithm.programPage(bus: bench.bus, address: start, bytes: Array(bytes[0..<255])) == 0)
        #expect(algorithm.programPage(bus: bench.bus, address: start + 255, bytes: Array(bytes[255...])) == 0)
        #expect(algorithm.uninitialize(bus: bench.bus, function: .program) == 0)
        #expect(bench.controller.functionalMode == .memoryMapped)
        #expect(readWindow(start, count: bytes.count) == bytes)
        #expect(readWindow(start - 1, count: 1) == [0xFF])
        #expect(readWindow(start + UInt32(bytes.count), count: 1) == [0xFF])
    }

    @Test func eachPageWaitsForItsProgramTime() {
        #expect(algorithm.initialize(bus: bench.bus, address: 0x9000_0000, clock: 0, function: .program) == 0)
        let before = bench.clock.now
        #expect(algorithm.programPage(bus: bench.bus, address: 0x9000_0080, bytes: pattern(512, seed: 1)) == 0)
        // 512 bytes from mid-page touch three pages: 0.15 ms each, typical.
        #expect(bench.clock.now - before == 3 * 150_000)
        #expect(!bench.flash.isBusy)
    }

    @Test func eraseSectorBlockAndChip() {
        #expect(algorithm.initialize(bus: bench.bus, address: 0x9000_0000, clock: 0, function: .program) == 0)
        for address: UInt32 in [0x9000_0FFE, 0x9000_1000, 0x9001_FFFE, 0x9002_0000] {
            #expect(algorithm.programPage(bus: bench.bus, address: address, bytes: [0, 0]) == 0)
        }
        var before = bench.clock.now
        #expect(algorithm.eraseSector(bus: bench.bus, address: 0x9000_1234) == 0)
        #expect(bench.clock.now - before == 25_000_000)
        before = bench.clock.now
        #expect(algorithm.eraseBlock(bus: bench.bus, address: 0x9001_8000) == 0)
        #expect(bench.clock.now - before == 220_000_000)
        #expect(algorithm.uninitialize(bus: bench.bus, function: .erase) == 0)
        #expect(readWindow(0x9000_0FFE, count: 4) == [0, 0, 0xFF, 0xFF])
        #expect(readWindow(0x9001_FFFE, count: 4) == [0xFF, 0xFF, 0, 0])

        before = bench.clock.now
        #expect(algorithm.eraseChip(bus: bench.bus) == 0)
        #expect(bench.clock.now - before == 150_000_000_000)
        #expect(bench.flash.allocatedSectors == 0)
    }

    @Test func programRefusesAddressesOutsideItsRange() {
        #expect(algorithm.initialize(bus: bench.bus, address: 0x9000_0000, clock: 0, function: .program) == 0)
        #expect(algorithm.programPage(bus: bench.bus, address: 0x93FF_FFFF, bytes: [1, 2]) == 1)
        #expect(algorithm.programPage(bus: bench.bus, address: 0x93FF_FFFF, bytes: [0x12]) == 0)
        #expect(algorithm.eraseSector(bus: bench.bus, address: 0x9400_0000) == 1)
    }

    @Test func programAfterAFlashPowerCycleFailsInsteadOfHanging() {
        #expect(algorithm.initialize(bus: bench.bus, address: 0x9000_0000, clock: 0, function: .program) == 0)
        bench.flash.powerCycle()
        // The flash is back in SPI: DTR polls go unanswered (0xFF), so WIP never reads 0.
        #expect(algorithm.programPage(bus: bench.bus, address: 0x9000_0000, bytes: [1, 2]) == 1)
        #expect(bench.flash.allocatedSectors == 0)
    }

    @Test func traceShowsTheLoaderSequence() {
        #expect(algorithm.initialize(bus: bench.bus, address: 0x9000_0000, clock: 0, function: .program) == 0)
        let names = bench.trace.allNotes.compactMap { note -> String? in
            guard case .norCommand(let command) = note, command.outcome == .accepted else { return nil }
            return command.commandName
        }
        #expect(names == ["RSTEN", "RST", "RDSR", "WREN", "WRCR2", "WREN", "WRCR2", "RDSR", "RDCR2"])
    }
}
