import Testing
@testable import FlashCore

/// SFDP, non-volatile configuration and power cycles (reference §1.2, §4).
@Suite struct MX25StateTests {
    let clock = VirtualClock()

    func dword(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << UInt32(8 * $1) }
    }

    @Test(arguments: NORProtocolMode.allCases)
    func sfdpStartsWithItsSignature(mode: NORProtocolMode) {
        let flash = MX25LM51245G(clock: clock)
        if mode != .spi { flash.switchMode(from: .spi, to: mode) }
        let response =
            mode == .spi
            ? flash.run(0x5A, .spi, address: 0, addressSize: 3, dummy: 8, data: .read(count: 8))
            : flash.run(0x5A, mode, address: 0, dummy: 20, data: .read(count: 8))
        #expect(response.outcome == .accepted)
        #expect(Array(response.data.prefix(4)) == Array("SFDP".utf8))
    }

    @Test func defaultBasicParameterTableAgreesWithTheCommandSet() {
        let flash = MX25LM51245G(clock: clock)
        let sfdp = flash.run(0x5A, .spi, address: 0, addressSize: 3, dummy: 8, data: .read(count: 0x60)).data
        #expect(dword(sfdp, 0) == 0x5044_4653)
        // Parameter header 0: ID 0xFF00 (BFPT), length and pointer.
        #expect(sfdp[8] == 0x00 && sfdp[15] == 0xFF)
        let length = Int(sfdp[11])
        let pointer = Int(sfdp[12]) | Int(sfdp[13]) << 8 | Int(sfdp[14]) << 16
        #expect(length >= 11)
        let bfpt = Array(sfdp[pointer..<pointer + length * 4])
        let dw1 = dword(bfpt, 0)
        #expect(dw1 & 0x3 == 0x1, "4 KiB erase supported")
        #expect(dw1 >> 8 & 0xFF == 0x21)
        #expect(dw1 >> 19 & 1 == 1, "DTR")
        #expect(dword(bfpt, 4) == 0x1FFF_FFFF, "512 Mbit")
        let dw8 = dword(bfpt, 28)
        #expect(dw8 & 0xFF == 12 && dw8 >> 8 & 0xFF == 0x21, "erase type 1: 4 KiB with 0x21")
        #expect(dw8 >> 16 & 0xFF == 16 && dw8 >> 24 == 0xDC, "erase type 2: 64 KiB with 0xDC")
        #expect(dword(bfpt, 40) >> 4 & 0xF == 8, "256-byte pages")
    }

    @Test func sfdpIsConfigurable() {
        var assumptions = NORAssumptions()
        assumptions.sfdp = .blankParameters
        let blank = MX25LM51245G(clock: clock, assumptions: assumptions)
        let bytes = blank.run(0x5A, .spi, address: 0x10, addressSize: 3, dummy: 8, data: .read(count: 8)).data
        #expect(bytes == Array(repeating: 0xFF, count: 8))
        let custom = MX25LM51245G(clock: clock, sfdp: [0x53, 0x46, 0x44, 0x50, 0x01])
        #expect(
            custom.run(0x5A, .spi, address: 4, addressSize: 3, dummy: 8, data: .read(count: 2)).data == [0x01, 0xFF])
    }

    @Test func powerCycleReturnsToSPIAndKeepsContents() {
        let flash = MX25LM51245G(clock: clock)
        _ = flash.run(0x06, .spi)
        _ = flash.run(0x12, .spi, address: 0x10, addressSize: 4, data: .write([0x42]))
        clock.advanceToNextEvent()
        flash.switchMode(from: .spi, to: .dtrOPI)
        flash.powerCycle()
        #expect(flash.mode == .spi)
        #expect(flash.readArray(0x10, count: 1) == [0x42])
        #expect(flash.readStatus(.spi) == 0x00)
    }

    @Test(arguments: [(NORAssumptions.DefaultModeStorage.nonvolatile, NORProtocolMode.dtrOPI), (.volatile, .spi)])
    func defaultModeBitsPickThePowerOnProtocol(
        storage: NORAssumptions.DefaultModeStorage,
        expected: NORProtocolMode
    ) {
        var assumptions = NORAssumptions()
        assumptions.defaultModeStorage = storage
        let flash = MX25LM51245G(clock: clock, assumptions: assumptions)
        _ = flash.run(0x06, .spi)
        #expect(flash.run(0x72, .spi, address: 0x4000_0000, data: .write([0x02])).outcome == .accepted)
        #expect(flash.mode == .spi, "DEFDOPI acts only after power-on")
        clock.advanceToNextEvent()
        flash.powerCycle()
        #expect(flash.mode == expected)
    }

    @Test func persistentStateRoundTrips() throws {
        let flash = MX25LM51245G(clock: clock)
        _ = flash.run(0x06, .spi)
        _ = flash.run(0x12, .spi, address: 0x0123_4567, addressSize: 4, data: .write([0x01, 0x02]))
        clock.advanceToNextEvent()
        _ = flash.run(0x06, .spi)
        _ = flash.run(0x72, .spi, address: 0x4000_0000, data: .write([0x01]))
        clock.advanceToNextEvent()
        let saved = flash.persistentState
        #expect(saved.nonVolatile["CR2@40000000"] == 0x01)
        let restored = try MX25LM51245G(clock: clock, restoring: saved)
        #expect(restored.mode == .strOPI)
        #expect(restored.persistentState == saved)
    }

    @Test func misplacedSavedSectorsAreRefused() {
        #expect(throws: NORStateError.self) {
            try MX25LM51245G(clock: clock, restoring: NORPersistentState(sectors: [0x800: [0x00]]))
        }
        #expect(throws: NORStateError.self) {
            try MX25LM51245G(
                clock: clock,
                restoring: NORPersistentState(
                    sectors: [0x0400_0000: Array(repeating: 0, count: 0x1000)]))
        }
    }

    @Test(arguments: [
        (NORAssumptions.DTRRegisterOutput.inOrder, [UInt8(0xC2), 0x85, 0x3A, 0xC2]),
        (.doubled, [0xC2, 0xC2, 0x85, 0x85]),
    ])
    func dtrRegisterOutput(choice: NORAssumptions.DTRRegisterOutput, expected: [UInt8]) {
        var assumptions = NORAssumptions()
        assumptions.dtrRegisterOutput = choice
        let flash = MX25LM51245G(clock: clock, assumptions: assumptions)
        flash.switchMode(from: .spi, to: .dtrOPI)
        #expect(flash.run(0x9F, .dtrOPI, address: 0, dummy: 5, data: .read(count: 4)).data == expected)
    }

    @Test func assumptionsAreNamedInModelAssumptions() throws {
        var assumptions = ModelAssumptions()
        try assumptions.apply("ospi-page-overflow=cross")
        #expect(assumptions.ospi.pageOverflow == .cross)
        #expect(assumptions.changedSettings == ["ospi-page-overflow=cross"])
        for name in [
            "ospi-default-mode-storage", "ospi-timing", "ospi-sfdp", "ospi-dtr-register-output",
            "ospi-undriven-bus", "ospi-power-on-dummy", "ospi-fifo-depth", "ospi-idle-window-access",
        ] {
            #expect(ModelAssumptions.spec(named: name) != nil, "\(name)")
        }
    }
}
