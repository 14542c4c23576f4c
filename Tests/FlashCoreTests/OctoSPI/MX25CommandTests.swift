import Testing
@testable import FlashCore

/// The MX25LM51245G command set per protocol mode (reference §1).
@Suite struct MX25CommandTests {
    let clock = VirtualClock()

    func flash(in mode: NORProtocolMode, assumptions: NORAssumptions = .defaults) -> MX25LM51245G {
        let flash = MX25LM51245G(clock: clock, assumptions: assumptions)
        if mode != .spi { flash.switchMode(from: .spi, to: mode) }
        return flash
    }

    @Test func powersOnInSPI() {
        let flash = MX25LM51245G(clock: clock)
        #expect(flash.mode == .spi)
        #expect(flash.readStatus(.spi) == 0x00)
        #expect(flash.readStatus(.strOPI) == nil)
    }

    @Test(arguments: NORProtocolMode.allCases)
    func readIDIsC2853A(mode: NORProtocolMode) {
        let flash = flash(in: mode)
        #expect(flash.mode == mode)
        let response =
            mode == .spi
            ? flash.run(0x9F, .spi, data: .read(count: 3))
            : flash.run(0x9F, mode, address: 0, dummy: 4, data: .read(count: 4))
        #expect(response.outcome == .accepted)
        #expect(Array(response.data.prefix(3)) == [0xC2, 0x85, 0x3A])
    }

    @Test(arguments: NORProtocolMode.allCases)
    func framesOfOtherModesAreIgnored(mode: NORProtocolMode) {
        let flash = flash(in: mode)
        for other in NORProtocolMode.allCases where other != mode {
            let response =
                other == .spi
                ? flash.run(0x9F, .spi, data: .read(count: 4))
                : flash.run(0x9F, other, address: 0, dummy: 4, data: .read(count: 4))
            #expect(response.outcome == .wrongMode)
            #expect(response.data == [0xFF, 0xFF, 0xFF, 0xFF])
            #expect(flash.run(0x06, other).outcome == .wrongMode)
        }
        #expect(flash.readStatus(mode) == 0x00, "WREN in another mode must not set WEL")
    }

    @Test(arguments: [NORProtocolMode.strOPI, .dtrOPI])
    func opiOpcodeNeedsItsComplement(mode: NORProtocolMode) {
        let flash = flash(in: mode)
        var wren = NORTransaction.command(0x06, mode: mode)
        wren.instruction = 0x0606
        #expect(flash.execute(wren).outcome == .badFraming)
        #expect(flash.readStatus(mode) == 0x00)
        #expect(flash.run(0x06, mode).outcome == .accepted)
        #expect(flash.readStatus(mode) == 0x02)
    }

    @Test(arguments: [NORProtocolMode.strOPI, .dtrOPI])
    func opiNeedsFourByteAddresses(mode: NORProtocolMode) {
        let flash = flash(in: mode)
        let response = flash.run(0x9F, mode, address: 0, addressSize: 3, dummy: 4, data: .read(count: 4))
        #expect(response.outcome == .badFraming)
    }

    @Test(arguments: NORProtocolMode.allCases)
    func writeEnableAndDisable(mode: NORProtocolMode) {
        let flash = flash(in: mode)
        #expect(flash.readStatus(mode) == 0x00)
        _ = flash.run(0x06, mode)
        #expect(flash.readStatus(mode) == 0x02)
        _ = flash.run(0x04, mode)
        #expect(flash.readStatus(mode) == 0x00)
    }

    @Test func dtrRefusesOddByteCounts() {
        let flash = flash(in: .dtrOPI)
        _ = flash.run(0x06, .dtrOPI)
        let program = flash.run(0x12, .dtrOPI, address: 0x100, data: .write([0x00, 0x11, 0x22]))
        #expect(program.outcome == .badFraming)
        #expect(flash.readStatus(.dtrOPI) == 0x02, "the refused program leaves WEL set and WIP clear")
        #expect(flash.run(0x05, .dtrOPI, address: 0, dummy: 5, data: .read(count: 1)).outcome == .badFraming)
        #expect(flash.allocatedSectors == 0)
    }

    @Test func octalReadOpcodesBelongToTheirRate() {
        // 8READ belongs to STR, 8DTRD to DTR.
        let str = flash(in: .strOPI)
        #expect(str.run(0xEE, .strOPI, address: 0, dummy: 20, data: .read(count: 2)).outcome == .wrongMode)
        #expect(str.run(0xEC, .strOPI, address: 0, dummy: 20, data: .read(count: 2)).outcome == .accepted)
        let dtr = flash(in: .dtrOPI)
        #expect(dtr.run(0xEC, .dtrOPI, address: 0, dummy: 20, data: .read(count: 2)).outcome == .wrongMode)
        #expect(dtr.run(0xEE, .dtrOPI, address: 0, dummy: 20, data: .read(count: 2)).outcome == .accepted)
    }

    @Test func octalReadDummyCyclesFollowCR2() {
        let flash = flash(in: .strOPI)
        // Power-on DC = 000: 20 dummy cycles.
        #expect(flash.run(0xEC, .strOPI, address: 0, dummy: 6, data: .read(count: 4)).outcome == .badFraming)
        #expect(flash.run(0xEC, .strOPI, address: 0, dummy: 20, data: .read(count: 4)).outcome == .accepted)
        _ = flash.run(0x06, .strOPI)
        _ = flash.run(0x72, .strOPI, address: 0x300, data: .write([0x07]))
        #expect(flash.run(0x71, .strOPI, address: 0x300, dummy: 4, data: .read(count: 1)).data == [0x07])
        #expect(flash.run(0xEC, .strOPI, address: 0, dummy: 6, data: .read(count: 4)).outcome == .accepted)
        #expect(flash.run(0xEC, .strOPI, address: 0, dummy: 20, data: .read(count: 4)).outcome == .badFraming)
    }

    @Test func spiReadsTakeTheirFixedDummyCycles() {
        let flash = flash(in: .spi)
        #expect(flash.run(0x03, .spi, address: 0, addressSize: 3, data: .read(count: 1)).outcome == .accepted)
        #expect(flash.run(0x0B, .spi, address: 0, addressSize: 3, dummy: 8, data: .read(count: 1)).outcome == .accepted)
        #expect(flash.run(0x0C, .spi, address: 0, addressSize: 4, dummy: 8, data: .read(count: 1)).outcome == .accepted)
        #expect(flash.run(0x0B, .spi, address: 0, addressSize: 3, data: .read(count: 1)).outcome == .badFraming)
        #expect(flash.run(0x13, .spi, address: 0, addressSize: 3, data: .read(count: 1)).outcome == .badFraming)
    }

    @Test func writeCR2NeedsWEL() {
        let flash = flash(in: .spi)
        #expect(flash.run(0x72, .spi, address: 0, data: .write([0x02])).outcome == .writeDisabled)
        #expect(flash.mode == .spi)
        flash.switchMode(from: .spi, to: .dtrOPI)
        #expect(flash.mode == .dtrOPI)
        #expect(flash.run(0x71, .dtrOPI, address: 0, dummy: 5, data: .read(count: 2)).data == [0x02, 0x02])
    }

    @Test(arguments: NORProtocolMode.allCases)
    func resetNeedsResetEnableAndReturnsToSPI(mode: NORProtocolMode) {
        let flash = flash(in: mode)
        #expect(flash.run(0x99, mode).outcome == .resetNotEnabled)
        #expect(flash.mode == mode)
        _ = flash.run(0x66, mode)
        #expect(flash.run(0x99, mode).outcome == .accepted)
        #expect(flash.mode == .spi)
    }

    @Test func unknownOpcodesAreIgnored() {
        let flash = flash(in: .spi)
        #expect(flash.run(0xB7, .spi).outcome == .unknownOpcode)
        #expect(flash.run(0x00, .spi).outcome == .accepted, "NOP")
    }

    @Test func securityRegisterReadsInEveryMode() {
        for mode in NORProtocolMode.allCases {
            let flash = flash(in: mode)
            let response =
                mode == .spi
                ? flash.run(0x2B, .spi, data: .read(count: 1))
                : flash.run(0x2B, mode, address: 0, dummy: 4, data: .read(count: 2))
            #expect(response.outcome == .accepted)
            #expect(response.data.first == 0x00)
        }
    }
}
