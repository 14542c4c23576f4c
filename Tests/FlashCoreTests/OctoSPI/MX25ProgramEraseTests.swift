import Testing
@testable import FlashCore

/// Page program and erase: WEL, WIP timing, bit semantics, page wrap, alignment (reference §1.1, §1.4).
@Suite struct MX25ProgramEraseTests {
    let clock = VirtualClock()

    func spiFlash(_ assumptions: NORAssumptions = .defaults) -> MX25LM51245G {
        MX25LM51245G(clock: clock, assumptions: assumptions)
    }

    func program(_ flash: MX25LM51245G, _ address: UInt32, _ bytes: [UInt8]) -> NOROutcome {
        _ = flash.run(0x06, .spi)
        let outcome = flash.run(0x12, .spi, address: address, addressSize: 4, data: .write(bytes)).outcome
        finish(flash)
        return outcome
    }

    func finish(_ flash: MX25LM51245G) {
        while flash.isBusy { clock.advanceToNextEvent() }
    }

    @Test func programNeedsWEL() {
        let flash = spiFlash()
        #expect(flash.run(0x12, .spi, address: 0x1000, addressSize: 4, data: .write([0x00])).outcome == .writeDisabled)
        #expect(flash.readArray(0x1000, count: 1) == [0xFF])
        #expect(flash.allocatedSectors == 0)
    }

    @Test(arguments: [(NORAssumptions.Timing.typical, UInt64(150_000)), (.maximum, 1_500_000)])
    func programHoldsWIPThenClearsWEL(timing: NORAssumptions.Timing, duration: UInt64) {
        var assumptions = NORAssumptions()
        assumptions.timing = timing
        let flash = spiFlash(assumptions)
        _ = flash.run(0x06, .spi)
        #expect(flash.run(0x12, .spi, address: 0x20, addressSize: 4, data: .write([0x12, 0x34])).outcome == .accepted)
        #expect(flash.readStatus(.spi) == 0x03, "WIP and WEL while programming")
        #expect(flash.run(0x13, .spi, address: 0x20, addressSize: 4, data: .read(count: 2)).outcome == .busy)
        clock.advance(by: duration - 1)
        #expect(flash.readStatus(.spi) == 0x03)
        clock.advance(by: 1)
        #expect(flash.readStatus(.spi) == 0x00)
        #expect(flash.readArray(0x20, count: 2) == [0x12, 0x34])
    }

    @Test(arguments: [
        (UInt8(0x20), UInt32(0x1000), UInt64(25_000_000)), (0x21, 0x1000, 25_000_000),
        (0xD8, 0x1_0000, 220_000_000), (0xDC, 0x1_0000, 220_000_000),
    ])
    func eraseAlignsDownAndTakesItsTime(opcode: UInt8, unit: UInt32, duration: UInt64) {
        let flash = spiFlash()
        let inside: UInt32 = 0x0012_3456
        let start = inside & ~(unit - 1)
        for address in [start - 1, start, start + unit - 1, start + unit] {
            #expect(program(flash, address, [0x00]) == .accepted)
        }
        _ = flash.run(0x06, .spi)
        let addressSize = opcode == 0x20 || opcode == 0xD8 ? 3 : 4
        #expect(flash.run(opcode, .spi, address: inside, addressSize: addressSize).outcome == .accepted)
        let began = clock.now
        finish(flash)
        #expect(clock.now - began == duration)
        #expect(flash.readArray(start - 1, count: 1) == [0x00])
        #expect(flash.readArray(start, count: 1) == [0xFF])
        #expect(flash.readArray(start + unit - 1, count: 1) == [0xFF])
        #expect(flash.readArray(start + unit, count: 1) == [0x00])
        #expect(flash.readStatus(.spi) == 0x00)
    }

    @Test(arguments: [UInt8(0x60), 0xC7])
    func chipEraseTakes150Seconds(opcode: UInt8) {
        let flash = spiFlash()
        _ = program(flash, 0x03FF_FFFF, [0x00])
        _ = flash.run(0x06, .spi)
        #expect(flash.run(opcode, .spi).outcome == .accepted)
        let began = clock.now
        finish(flash)
        #expect(clock.now - began == 150_000_000_000)
        #expect(flash.allocatedSectors == 0)
        #expect(flash.readArray(0x03FF_FFFF, count: 1) == [0xFF])
    }

    @Test func eraseNeedsWEL() {
        let flash = spiFlash()
        _ = program(flash, 0, [0x00])
        #expect(flash.run(0x21, .spi, address: 0, addressSize: 4).outcome == .writeDisabled)
        #expect(flash.readArray(0, count: 1) == [0x00])
    }

    @Test func programmingOnlyClearsBits() {
        let flash = spiFlash()
        _ = program(flash, 0x40, [0xF0, 0xAA])
        _ = program(flash, 0x40, [0x0F, 0xFF])
        #expect(flash.readArray(0x40, count: 2) == [0x00, 0xAA])
    }

    @Test func pageProgramWrapsWithinItsPage() {
        let flash = spiFlash()
        _ = program(flash, 0x1FE, [0x01, 0x02, 0x03, 0x04])
        #expect(flash.readArray(0x1FE, count: 2) == [0x01, 0x02])
        #expect(flash.readArray(0x100, count: 2) == [0x03, 0x04])
        #expect(flash.readArray(0x200, count: 1) == [0xFF])
    }

    @Test func overlongPageProgramKeepsTheLast256Bytes() {
        let flash = spiFlash()
        let bytes = (0..<300).map { UInt8($0 & 0xFF) }
        _ = program(flash, 0x300, bytes)
        // Byte i lands in column i mod 256; columns 44...255 and 0...43 hold bytes 44...299.
        let expected = (0..<256).map { column in UInt8((column < 44 ? column + 256 : column) & 0xFF) }
        #expect(flash.readArray(0x300, count: 256) == expected)
        #expect(flash.readArray(0x400, count: 1) == [0xFF])
    }

    @Test func crossingAssumptionCarriesIntoTheNextPage() {
        var assumptions = NORAssumptions()
        assumptions.pageOverflow = .cross
        let flash = spiFlash(assumptions)
        _ = program(flash, 0xFFE, [0x01, 0x02, 0x03, 0x04])
        #expect(flash.readArray(0xFFE, count: 4) == [0x01, 0x02, 0x03, 0x04])
        #expect(flash.readArray(0xF00, count: 1) == [0xFF])
    }

    @Test func threeByteCommandsReachOnlyTheFirst16MiB() {
        let flash = spiFlash()
        _ = flash.run(0x06, .spi)
        _ = flash.run(0x02, .spi, address: 0x12_3456, addressSize: 3, data: .write([0x5A]))
        finish(flash)
        #expect(flash.run(0x03, .spi, address: 0x12_3456, addressSize: 3, data: .read(count: 1)).data == [0x5A])
    }

    @Test func statusReadsWorkWhileBusyAndResetEndsTheWait() {
        let flash = spiFlash()
        _ = flash.run(0x06, .spi)
        _ = flash.run(0x21, .spi, address: 0, addressSize: 4)
        #expect(flash.run(0x06, .spi).outcome == .busy)
        #expect(flash.readStatus(.spi) == 0x03)
        _ = flash.run(0x66, .spi)
        #expect(flash.run(0x99, .spi).outcome == .accepted)
        let began = clock.now
        finish(flash)
        #expect(clock.now - began == 100_000_000, "software reset during erase: 100 ms")
        #expect(flash.readStatus(.spi) == 0x00)
    }

    @Test func storageGrowsOnlyWithProgrammedSectors() {
        let flash = spiFlash()
        _ = program(flash, 0x5000, [0xFF, 0xFF])
        #expect(flash.allocatedSectors == 0, "programming 0xFF changes nothing")
        _ = program(flash, 0x5000, [0x00])
        _ = program(flash, 0x0300_0000, [0x00])
        #expect(flash.allocatedSectors == 2)
        #expect(flash.persistentState.sectors.keys.sorted() == [0x5000, 0x0300_0000])
    }
}

/// WRSR (reference §1.2): SR then CR in SPI; address 0 = SR, 1 = CR in OPI; needs WEL; 40 ms.
@Suite struct MX25WriteStatusTests {
    let clock = VirtualClock()

    @Test func writeStatusInSPISetsBlockProtectAndConfiguration() {
        let flash = MX25LM51245G(clock: clock)
        #expect(flash.run(0x01, .spi, data: .write([0x3C, 0x08])).outcome == .writeDisabled)
        _ = flash.run(0x06, .spi)
        #expect(flash.run(0x01, .spi, data: .write([0xFF, 0x08])).outcome == .accepted)
        #expect(flash.readStatus(.spi).map { $0 & 0x03 } == 0x03, "WIP and WEL during the write")
        clock.advance(by: 40_000_000)
        #expect(flash.readStatus(.spi) == 0x3C, "BP0–BP3 only; WIP and WEL clear")
        #expect(flash.run(0x15, .spi, data: .read(count: 1)).data == [0x08])
    }

    @Test func writeStatusInOPIAddressesTheRegister() {
        let flash = MX25LM51245G(clock: clock)
        flash.switchMode(from: .spi, to: .strOPI)
        _ = flash.run(0x06, .strOPI)
        #expect(flash.run(0x01, .strOPI, address: 1, data: .write([0x10])).outcome == .accepted)
        clock.advanceToNextEvent()
        #expect(flash.run(0x15, .strOPI, address: 1, dummy: 4, data: .read(count: 1)).data == [0x10])
        #expect(flash.readStatus(.strOPI) == 0x00)
    }

    @Test func arrayReadsWrapAtTheEndOfTheArray() {
        let flash = MX25LM51245G(clock: clock)
        _ = flash.run(0x06, .spi)
        _ = flash.run(0x12, .spi, address: 0, addressSize: 4, data: .write([0x11]))
        clock.advanceToNextEvent()
        #expect(flash.readArray(0x03FF_FFFF, count: 2) == [0xFF, 0x11])
    }
}
