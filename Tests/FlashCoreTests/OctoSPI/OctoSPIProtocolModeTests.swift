import Testing
@testable import FlashCore

/// Commands framed by CCR/TCR/IR in each protocol mode reach the flash as the reference frames them.
@Suite struct OctoSPIProtocolModeTests {
    typealias O = OctoSPIRegister
    let bench = OctoSPIBench()

    /// CCR per §3.2: 1 line = 001, 8 lines = 100; ISIZE 01 = 16 bit; ADSIZE 11 = 32 bit; DTR bits 3/11/27.
    static func ccr(_ mode: NORProtocolMode, address: Bool, data: Bool) -> UInt32 {
        let lines: UInt32 = mode == .spi ? 0b001 : 0b100
        let dtr: UInt32 = mode == .dtrOPI ? 1 : 0
        var value = lines | dtr << 3 | (mode == .spi ? 0 : 1) << 4
        if address { value |= lines << 8 | dtr << 11 | 0b11 << 12 }
        if data { value |= lines << 24 | dtr << 27 }
        return value
    }

    static func opcode(_ byte: UInt8, _ mode: NORProtocolMode) -> UInt32 {
        mode == .spi ? UInt32(byte) : UInt32(byte) << 8 | UInt32(~byte)
    }

    /// An indirect read as the HAL starts it: configure with FMODE=00, then FMODE=01 and rewrite AR or IR.
    func indirectRead(_ byte: UInt8, _ mode: NORProtocolMode, address: UInt32?, dummy: UInt32, count: Int) -> [UInt8] {
        bench.write(O.dcr1, 25 << 16)
        bench.write(O.cr, 1)
        bench.write(O.ccr, Self.ccr(mode, address: address != nil, data: true))
        bench.write(O.tcr, dummy)
        bench.write(O.dlr, UInt32(count - 1))
        bench.write(O.ir, Self.opcode(byte, mode))
        bench.write(O.cr, 1 | 1 << 28)
        if let address { bench.write(O.ar, address) } else { bench.write(O.ir, Self.opcode(byte, mode)) }
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: bench.bus.read(bench.register(O.dr), size: .byte) ?? 0)
        }
    }

    @Test(arguments: NORProtocolMode.allCases)
    func readIDThroughTheController(mode: NORProtocolMode) {
        if mode != .spi { bench.flash.switchMode(from: .spi, to: mode) }
        let id =
            mode == .spi
            ? indirectRead(0x9F, .spi, address: nil, dummy: 0, count: 3)
            : indirectRead(0x9F, mode, address: 0, dummy: mode == .dtrOPI ? 5 : 4, count: 4)
        #expect(Array(id.prefix(3)) == [0xC2, 0x85, 0x3A])
    }

    @Test(arguments: NORProtocolMode.allCases)
    func sfdpSignatureThroughTheController(mode: NORProtocolMode) {
        if mode != .spi { bench.flash.switchMode(from: .spi, to: mode) }
        // SPI: 3-byte address (ADSIZE 10), 8 dummy cycles; OPI: 4-byte address, 20 dummy cycles (reference §4.1).
        let bytes: [UInt8]
        if mode == .spi {
            bench.write(O.dcr1, 25 << 16)
            bench.write(O.cr, 1)
            bench.write(O.ccr, 0b001 | 0b001 << 8 | 0b10 << 12 | 0b001 << 24)
            bench.write(O.tcr, 8)
            bench.write(O.dlr, 3)
            bench.write(O.ir, 0x5A)
            bench.write(O.cr, 1 | 1 << 28)
            bench.write(O.ar, 0)
            bytes = littleEndianBytes(bench.read(O.dr))
        } else {
            bytes = indirectRead(0x5A, mode, address: 0, dummy: 20, count: 4)
        }
        #expect(bytes == Array("SFDP".utf8))
    }

    @Test func oddLengthInDTRIsRefusedByTheFlash() {
        bench.flash.switchMode(from: .spi, to: .dtrOPI)
        let status = indirectRead(0x05, .dtrOPI, address: 0, dummy: 5, count: 1)
        #expect(status == [0xFF], "unanswered: the bus reads as undriven")
        let note = bench.trace.allNotes.last { if case .norCommand = $0 { true } else { false } }
        #expect(
            note
                == .norCommand(
                    NORCommandNote(
                        instruction: 0x05FA, instructionSize: 2, address: 0, bytes: 1,
                        outcome: .badFraming)))
    }

    @Test func pollingWithoutAutomaticStopKeepsPolling() {
        bench.write(O.dcr1, 25 << 16)
        bench.write(O.cr, 1)
        bench.write(O.ccr, Self.ccr(.spi, address: false, data: true))
        bench.write(O.dlr, 0)
        bench.write(O.ir, 0x05)
        bench.write(O.psmkr, 0x01)
        bench.write(O.psmar, 0x00)
        bench.write(O.cr, 1 | 2 << 28)
        bench.write(O.ir, 0x05)
        #expect(bench.status & 0x28 == 0x28, "SMF and BUSY: the match is flagged, polling goes on")
        bench.write(O.cr, 1 | 2 << 28 | 1 << 1)
        #expect(bench.status & 0x20 == 0)
    }
}

/// The memory-mapped window outside memory-mapped mode, per `ospi-idle-window-access`.
@Suite struct OctoSPIIdleWindowTests {
    @Test(arguments: [(NORAssumptions.IdleWindowAccess.busFault, UInt32?.none), (.readsZero, 0)])
    func windowAccessWhileNotMapped(choice: NORAssumptions.IdleWindowAccess, expected: UInt32?) {
        var assumptions = NORAssumptions()
        assumptions.idleWindowAccess = choice
        let bench = OctoSPIBench(assumptions: assumptions)
        bench.write(OctoSPIRegister.cr, 1)
        #expect(bench.bus.read(0x9000_0000) == expected)
        #expect(bench.bus.write(0x9000_0000, 0) == (expected != nil))
        #expect(bench.controller.commandsIssued == 0)
    }

    @Test func assumptionsCanChangeAtRunTime() {
        let bench = OctoSPIBench()
        var slow = NORAssumptions()
        slow.timing = .maximum
        bench.ospi.setAssumptions(slow)
        #expect(bench.flash.timing == NORTiming(.maximum))
    }
}
