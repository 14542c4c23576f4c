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

    /// RDSFDP as a host issues it (SPI, 3-byte address, 8 dummy cycles).
    func sfdp(_ flash: MX25LM51245G, from address: UInt32, count: Int) -> [UInt8] {
        flash.run(0x5A, .spi, address: address, addressSize: 3, dummy: 8, data: .read(count: count)).data
    }

    /// One parameter header as JESD216 lays it out.
    struct ParameterHeader {
        let id: UInt16
        let major: UInt8
        let minor: UInt8
        let dwords: Int
        let pointer: Int
    }

    /// The SFDP header and the parameter headers, parsed the way a host (Zephyr's jesd216, Linux) does.
    func headers(_ flash: MX25LM51245G) -> (major: UInt8, minor: UInt8, access: UInt8, headers: [ParameterHeader]) {
        let head = sfdp(flash, from: 0, count: 8)
        let count = Int(head[6]) + 1
        let raw = sfdp(flash, from: 8, count: count * 8)
        let parsed = (0..<count).map { index -> ParameterHeader in
            let h = Array(raw[index * 8..<index * 8 + 8])
            return ParameterHeader(
                id: UInt16(h[7]) << 8 | UInt16(h[0]), major: h[2], minor: h[1], dwords: Int(h[3]),
                pointer: Int(h[4]) | Int(h[5]) << 8 | Int(h[6]) << 16)
        }
        return (head[5], head[4], head[7], parsed)
    }

    func table(_ flash: MX25LM51245G, _ header: ParameterHeader) -> [UInt32] {
        let bytes = sfdp(flash, from: UInt32(header.pointer), count: header.dwords * 4)
        return (0..<header.dwords).map { dword(bytes, $0 * 4) }
    }

    /// Reference §8: a current part answers SFDP 1.8, five parameter headers, the BFPT first with
    /// 3- or 4-byte addressing, erase type 1 = 0x20 (4 KiB), type 2 = 0xD8 (64 KiB).
    @Test func sfdpAnswersWhatACurrentPartAnswers() throws {
        let flash = MX25LM51245G(clock: clock)
        #expect(dword(sfdp(flash, from: 0, count: 4), 0) == 0x5044_4653, "SFDP signature")
        let parsed = headers(flash)
        #expect((parsed.major, parsed.minor) == (1, 8))
        #expect(parsed.headers.count == 5)
        let basic = try #require(parsed.headers.first)
        #expect(basic.id == 0xFF00 && basic.dwords == 20)
        let bfpt = table(flash, basic)
        #expect(bfpt[0] & 0x3 == 0x1, "uniform 4 KiB erase")
        #expect(bfpt[0] >> 8 & 0xFF == 0x20, "its opcode")
        #expect(bfpt[0] >> 17 & 0x3 == 0b01, "3- or 4-byte addressing")
        #expect(bfpt[0] >> 19 & 1 == 1, "DTR")
        #expect(bfpt[1] == 0x1FFF_FFFF, "512 Mbit")
        #expect(bfpt[7] & 0xFF == 12 && bfpt[7] >> 8 & 0xFF == 0x20, "erase type 1: 4 KiB with 0x20")
        #expect(bfpt[7] >> 16 & 0xFF == 16 && bfpt[7] >> 24 == 0xD8, "erase type 2: 64 KiB with 0xD8")
        #expect(bfpt[8] & 0xFFFF == 0 && bfpt[8] >> 16 == 0, "no erase types 3 and 4")
        #expect(bfpt[10] >> 4 & 0xF == 8, "256-byte pages")
        // Every table the headers point at lies inside what RDSFDP answers, none overlapping.
        let ends = parsed.headers.map { $0.pointer + $0.dwords * 4 }
        #expect(ends.max() == SFDPImage.current.count)
        for (a, b) in zip(parsed.headers, parsed.headers.dropFirst()) { #expect(a.pointer + a.dwords * 4 <= b.pointer) }
    }

    /// Each command the tables advertise, run on the model as a host would after reading them.
    @Test func everyAdvertisedCommandIsAcceptedByTheModel() throws {
        let flash = MX25LM51245G(clock: clock)
        let parsed = headers(flash).headers
        let bfpt = table(flash, try #require(parsed.first { $0.id == 0xFF00 }))
        let fourByte = table(flash, try #require(parsed.first { $0.id == 0xFF84 }))
        let profile = table(flash, try #require(parsed.first { $0.id == 0xFF05 }))
        func finish() { while flash.isBusy { clock.advanceToNextEvent() } }
        func program(_ address: UInt32, addressSize: Int, opcode: UInt8 = 0x12) {
            _ = flash.run(0x06, .spi)
            #expect(
                flash.run(opcode, .spi, address: address, addressSize: addressSize, data: .write([0x5A])).outcome
                    == .accepted)
            finish()
        }
        // The erase types of DW8 with 3-byte addresses (the 1-1-1 commands), and their 4-byte
        // twins from the 4-byte address instruction table (DW1 bits 9, 10; DW2 opcodes).
        #expect(fourByte[0] >> 9 & 0x3 == 0x3)
        let erases: [(opcode: UInt8, size: UInt32, addressSize: Int)] = [
            (UInt8(bfpt[7] >> 8 & 0xFF), 1 << (bfpt[7] & 0xFF), 3),
            (UInt8(bfpt[7] >> 24), 1 << (bfpt[7] >> 16 & 0xFF), 3),
            (UInt8(fourByte[1] & 0xFF), 1 << (bfpt[7] & 0xFF), 4),
            (UInt8(fourByte[1] >> 8 & 0xFF), 1 << (bfpt[7] >> 16 & 0xFF), 4),
        ]
        for erase in erases {
            let address: UInt32 = 0x0012_0000
            program(address + erase.size - 1, addressSize: 4)
            _ = flash.run(0x06, .spi)
            let outcome = flash.run(erase.opcode, .spi, address: address, addressSize: erase.addressSize).outcome
            #expect(outcome == .accepted, "erase opcode \(erase.opcode)")
            finish()
            #expect(flash.readArray(address + erase.size - 1, count: 1) == [0xFF], "\(erase.opcode) erased its unit")
            #expect(NORCommand.spi(erase.opcode) != nil)
        }
        // 4-byte reads (bits 0, 1) and page program (bit 6).
        #expect(fourByte[0] & 0b100_0011 == 0b100_0011)
        program(0x40, addressSize: 4, opcode: 0x12)
        #expect(flash.run(0x13, .spi, address: 0x40, addressSize: 4, data: .read(count: 1)).data == [0x5A])
        #expect(flash.run(0x0C, .spi, address: 0x40, addressSize: 4, dummy: 8, data: .read(count: 1)).data == [0x5A])
        // The profile's 8D-8D-8D read: opcode 0xEE with the dummy cycles it gives.
        let opcode = UInt8(profile[0] >> 8 & 0xFF)
        let dummy = Int(profile[3] >> 7 & 0x1F)
        #expect(opcode == 0xEE && dummy == 20)
        flash.switchMode(from: .spi, to: .dtrOPI)
        let read = flash.run(opcode, .dtrOPI, address: 0x40, dummy: dummy, data: .read(count: 2))
        #expect(read.outcome == .accepted)
        #expect(read.data.first == 0x5A)
    }

    @Test func sfdpIsConfigurable() {
        var assumptions = NORAssumptions()
        assumptions.sfdp = .blankParameters
        let blank = MX25LM51245G(clock: clock, assumptions: assumptions)
        #expect(headers(blank).headers.count == 5, "the headers stay")
        let bytes = blank.run(0x5A, .spi, address: 0x40, addressSize: 3, dummy: 8, data: .read(count: 8)).data
        #expect(bytes == Array(repeating: 0xFF, count: 8), "every parameter 0xFF")
        let custom = MX25LM51245G(clock: clock, sfdp: [0x53, 0x46, 0x44, 0x50, 0x01])
        #expect(
            custom.run(0x5A, .spi, address: 4, addressSize: 3, dummy: 8, data: .read(count: 2)).data == [0x01, 0xFF])
    }

    @Test func oldDeviceFilesNamingTheMinimalTableGetTheCurrentOne() throws {
        var assumptions = ModelAssumptions()
        try assumptions.apply("ospi-sfdp=minimal")
        #expect(assumptions.ospi.sfdp == .current)
        #expect(ModelAssumptions.spec(named: "ospi-sfdp")?.choices == ["current", "blank-parameters"])
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
