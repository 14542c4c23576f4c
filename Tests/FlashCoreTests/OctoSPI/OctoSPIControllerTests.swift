import Testing
@testable import FlashCore

/// OCTOSPI1 registers and functional modes (reference §3), driven through the bus.
@Suite struct OctoSPIControllerTests {
    typealias O = OctoSPIRegister
    // SR bits and CR fields as §3.2 lists them.
    static let tef: UInt32 = 1 << 0, tcf: UInt32 = 1 << 1, ftf: UInt32 = 1 << 2, smf: UInt32 = 1 << 3
    static let busy: UInt32 = 1 << 5
    static let en: UInt32 = 1, abort: UInt32 = 1 << 1, apms: UInt32 = 1 << 22, pmm: UInt32 = 1 << 23

    static func fmode(_ value: UInt32) -> UInt32 { value << 28 }

    /// CCR for an SPI 1-1-1 command: IMODE=1, ADMODE=1 with 32-bit ADSIZE, DMODE=1.
    static func spiCCR(address: Bool, data: Bool) -> UInt32 {
        1 | (address ? 1 << 8 | 3 << 12 : 0) | (data ? 1 << 24 : 0)
    }

    let bench = OctoSPIBench()

    init() {
        bench.write(O.dcr1, 25 << 16 | 1 << 8)
        bench.write(O.cr, Self.en | 3 << 8)
    }

    func command(_ opcode: UInt8, address: UInt32? = nil, dataLength: Int = 0, mode: UInt32 = 0, extraCR: UInt32 = 0) {
        bench.write(O.cr, Self.en | 3 << 8 | extraCR | Self.fmode(mode))
        bench.write(O.ccr, Self.spiCCR(address: address != nil, data: dataLength > 0))
        bench.write(O.tcr, 0)
        if dataLength > 0 { bench.write(O.dlr, UInt32(dataLength - 1)) }
        bench.write(O.ir, UInt32(opcode))
        if let address { bench.write(O.ar, address) }
    }

    func clearTCF() { bench.write(O.fcr, Self.tcf) }

    @Test(arguments: [
        (UInt32(0x000), "CR"), (0x008, "DCR1"), (0x00C, "DCR2"), (0x010, "DCR3"), (0x014, "DCR4"), (0x020, "SR"),
        (0x024, "FCR"), (0x040, "DLR"), (0x048, "AR"), (0x050, "DR"), (0x080, "PSMKR"), (0x088, "PSMAR"),
        (0x090, "PIR"), (0x100, "CCR"), (0x108, "TCR"), (0x110, "IR"), (0x120, "ABR"), (0x130, "LPTR"),
        (0x140, "WPCCR"), (0x148, "WPTCR"), (0x150, "WPIR"), (0x160, "WPABR"), (0x180, "WCCR"), (0x188, "WTCR"),
        (0x190, "WIR"), (0x1A0, "WABR"), (0x200, "HLCR"),
    ])
    func registerMap(offset: UInt32, name: String) {
        let fresh = OctoSPIBench()
        for base in [OctoSPIRegisters.base, OctoSPIRegisters.secureBase] {
            let described = fresh.bus.describe(base + offset)
            #expect(described.register?.name == name)
            #expect(fresh.bus.read(base + offset) == 0)
        }
        #expect(fresh.bus.describe(0x4402_1004).register == nil, "reserved offset")
    }

    @Test func commandWithoutAddressStartsOnIR() {
        command(0x06)
        #expect(bench.controller.commandsIssued == 1)
        #expect(bench.status & Self.tcf != 0)
        #expect(bench.flash.statusRegister & 0x02 != 0, "WEL")
        clearTCF()
        #expect(bench.status & Self.tcf == 0)
    }

    @Test func commandWithAddressStartsOnAR() {
        bench.write(O.cr, Self.en)
        bench.write(O.ccr, Self.spiCCR(address: true, data: false))
        bench.write(O.ir, 0x21)
        #expect(bench.controller.commandsIssued == 0)
        bench.write(O.ar, 0x1000)
        #expect(bench.controller.commandsIssued == 1)
    }

    @Test func indirectWriteWaitsForDRThenIndirectReadReturnsTheBytes() {
        command(0x06)
        clearTCF()
        command(0x12, address: 0x2000, dataLength: 6)
        #expect(bench.controller.commandsIssued == 1, "a write with data starts on DR, not AR")
        #expect(bench.status & Self.ftf != 0)
        bench.write(O.dr, 0x4433_2211)
        #expect(bench.status & Self.busy != 0)
        #expect(bench.status & Self.tcf == 0)
        bench.bus.write(bench.register(O.dr), 0x5655, size: .halfWord)
        #expect(bench.status & Self.tcf != 0)
        #expect(bench.status & Self.busy == 0)
        clearTCF()
        bench.bus.waitForEvent()

        // HAL order: configure with FMODE=00, then FMODE=01 and AR again to start.
        command(0x13, address: 0x2000, dataLength: 8)
        bench.write(O.cr, Self.en | 3 << 8 | Self.fmode(1))
        bench.write(O.ar, 0x2000)
        let status = bench.status
        #expect(status >> 8 & 0x3F == 8, "FLEVEL")
        #expect(status & (Self.ftf | Self.tcf | Self.busy) == Self.ftf | Self.tcf | Self.busy)
        #expect(bench.read(O.dr) == 0x4433_2211)
        #expect(bench.read(O.dr) == 0xFFFF_5655)
        #expect(bench.status & Self.busy == 0)
    }

    @Test func readFIFOHoldsThirtyTwoBytes() {
        command(0x13, address: 0, dataLength: 64)
        bench.write(O.cr, Self.en | 3 << 8 | Self.fmode(1))
        bench.write(O.ar, 0)
        #expect(bench.status >> 8 & 0x3F == 32)
        #expect(bench.status & Self.tcf == 0, "half the data is still in the flash")
        for _ in 0..<8 { _ = bench.read(O.dr) }
        #expect(bench.status & Self.tcf != 0)
        for _ in 0..<8 { _ = bench.read(O.dr) }
        #expect(bench.status & Self.busy == 0)
    }

    func pollStatus(mask: UInt32, match: UInt32, orMode: Bool = false) {
        command(0x05, dataLength: 1)
        bench.write(O.psmkr, mask)
        bench.write(O.psmar, match)
        bench.write(O.pir, 0x10)
        bench.write(O.cr, Self.en | Self.fmode(2) | Self.apms | (orMode ? Self.pmm : 0))
        bench.write(O.ir, 0x05)
    }

    @Test func autoPollingWaitsOnTheVirtualClockForWIP() {
        command(0x06)
        command(0x12, address: 0x100, dataLength: 4)
        bench.write(O.dr, 0)
        clearTCF()
        let programmed = bench.clock.now
        pollStatus(mask: 0x01, match: 0x00)
        let issued = bench.controller.commandsIssued
        #expect(bench.status & (Self.busy | Self.smf) == Self.busy)
        #expect(bench.status & (Self.busy | Self.smf) == Self.busy)
        #expect(bench.controller.commandsIssued == issued, "no polling while nothing can change")
        bench.bus.waitForEvent()
        #expect(bench.clock.now == programmed + 150_000)
        #expect(bench.status & (Self.busy | Self.smf) == Self.smf)
        bench.write(O.fcr, Self.smf)
        #expect(bench.status & Self.smf == 0)
    }

    @Test func orModeMatchesAnyUnmaskedBit() {
        command(0x06)
        pollStatus(mask: 0x03, match: 0x03, orMode: true)
        #expect(bench.status & (Self.busy | Self.smf) == Self.smf, "WEL=1 matches though WIP=0 does not")
    }

    @Test func pollThatCannotMatchStaysBusyUntilAbort() {
        pollStatus(mask: 0x02, match: 0x02)
        let now = bench.clock.now
        bench.bus.waitForEvent()
        #expect(bench.clock.now == now)
        #expect(bench.status & Self.busy != 0)
        bench.write(O.cr, Self.en | Self.fmode(2) | Self.abort)
        #expect(bench.status & (Self.busy | Self.tcf) == Self.tcf)
        #expect(bench.read(O.cr) & Self.abort == 0)
    }

    func enterMemoryMapped() {
        bench.write(O.cr, Self.en)
        bench.write(O.ccr, Self.spiCCR(address: true, data: true))
        bench.write(O.tcr, 0)
        bench.write(O.ir, 0x13)
        bench.write(O.wccr, Self.spiCCR(address: true, data: true))
        bench.write(O.wir, 0x12)
        bench.write(O.cr, Self.en | Self.fmode(3))
    }

    @Test func memoryMappedReadsUseTheConfiguredReadCommand() {
        _ = bench.flash.run(0x06, .spi)
        _ = bench.flash.run(0x12, .spi, address: 0x0100_0000, addressSize: 4, data: .write([1, 2, 3, 4, 5]))
        bench.clock.advanceToNextEvent()
        #expect(bench.bus.read(0x9100_0000) == nil, "not in memory-mapped mode yet")
        enterMemoryMapped()
        #expect(bench.bus.read(0x9100_0000) == 0x0403_0201)
        #expect(bench.bus.read(0x9100_0004, size: .byte) == 0x05)
        #expect(bench.bus.read(0x9100_0002, size: .halfWord) == 0x0403)
        #expect(bench.status & Self.busy != 0, "nCS stays low with TCEN=0")
    }

    @Test func memoryMappedWritesDoNotProgramWithoutWEL() {
        enterMemoryMapped()
        #expect(bench.bus.write(0x9000_0000, 0))
        bench.clock.advanceToNextEvent()
        #expect(bench.bus.read(0x9000_0000) == 0xFFFF_FFFF)
        #expect(
            bench.trace.allNotes.contains(
                .norCommand(
                    NORCommandNote(
                        instruction: 0x12, instructionSize: 1, address: 0, bytes: 4, outcome: .writeDisabled))))
    }

    @Test func abortLeavesMemoryMappedMode() {
        enterMemoryMapped()
        _ = bench.bus.read(0x9000_0000)
        bench.write(O.cr, Self.en)
        #expect(bench.read(O.cr) >> 28 == 3, "FMODE is locked while BUSY")
        bench.write(O.ccr, 0)
        #expect(bench.read(O.ccr) != 0, "CCR is locked while BUSY")
        bench.write(O.cr, Self.en | Self.fmode(3) | Self.abort)
        #expect(bench.status & Self.busy == 0)
        bench.write(O.cr, Self.en)
        #expect(bench.read(O.cr) >> 28 == 0)
    }

    @Test func accessesBeyondDevsizeSetTEF() {
        bench.write(O.dcr1, 20 << 16)
        command(0x13, address: 0x20_0000, dataLength: 4)
        bench.write(O.cr, Self.en | Self.fmode(1))
        bench.write(O.ar, 0x20_0000)
        #expect(bench.status & Self.tef != 0)
        #expect(bench.controller.commandsIssued == 0)
        bench.write(O.fcr, Self.tef)
        #expect(bench.status & Self.tef == 0)

        enterMemoryMapped()
        #expect(bench.bus.read(0x901F_FFFC) == 0xFFFF_FFFF)
        #expect(bench.status & Self.tef == 0)
        #expect(bench.bus.read(0x9020_0000) == nil)
        #expect(bench.status & Self.tef != 0)
    }

    @Test func traceShowsEachFlashCommandDecoded() {
        command(0x06)
        command(0x12, address: 0x0300_0000, dataLength: 8)
        bench.write(O.dr, 0)
        bench.write(O.dr, 0)
        let commands = bench.trace.allNotes.compactMap { note -> NORCommandNote? in
            if case .norCommand(let command) = note { return command }
            return nil
        }
        #expect(commands.map(\.commandName) == ["WREN", "4PP"])
        #expect(commands.last?.address == 0x0300_0000)
        #expect(commands.last?.bytes == 8)
        #expect(commands.last?.text == "flash 4PP (12) @0x03000000, 8 bytes")
    }
}
