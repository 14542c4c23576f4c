import Testing
@testable import FlashCore

/// Every figure a result reports is the one the device would give (issue "Exact results").
/// Each test reads the flash afterwards, as a dump of the chip would show it.
@Suite struct ExactResultsTests {
    private func engine(_ assumptions: ModelAssumptions = .defaults, tzen: Bool = false) -> FlashEngine {
        var state = DeviceState.factoryFresh(.stm32l562xE)
        state.assumptions = assumptions
        if tzen {
            state.effective[.optr] |= 1 << 31
            state.pending = state.effective
        }
        return FlashEngine(machine: Machine(state: state))
    }

    private func image(_ address: UInt32, _ bytes: [UInt8]) throws -> MemoryImage {
        try MemoryImage(segments: [.init(address: address, bytes: bytes)])
    }

    /// Page 0 holding 0x00..0xFE repeated (no erased byte in it).
    private func withBootloader(_ engine: FlashEngine) throws -> [UInt8] {
        let boot = (0..<2048).map { UInt8($0 % 0xFF) }
        #expect(try engine.program(try image(0x0800_0000, boot)).succeeded)
        return boot
    }

    private var mirror: ModelAssumptions {
        var assumptions = ModelAssumptions.defaults
        assumptions.secureAliasWithoutTrustZone = .mirror
        return assumptions
    }

    // MARK: 1. The secure alias names the pages of its non-secure twin

    @Test func secureAliasWithoutTrustZoneIsRefusedByDefault() throws {
        let engine = self.engine()
        let boot = try withBootloader(engine)
        #expect(throws: EngineError.self) { try engine.program(try image(0x0C00_0100, Array("HELLO".utf8))) }
        #expect(throws: EngineError.self) { try engine.erase(from: 0x0C00_0000, length: 0x800) }
        #expect(throws: EngineError.self) { try engine.read(from: 0x0C00_0000, count: 4) }
        #expect(engine.machine.bus.read(0x0C00_0000) == nil, "the secure window answers nothing with TZEN=0")
        #expect(try engine.read(from: 0x0800_0000, count: 2048) == boot, "nothing was touched")
    }

    @Test func secureAliasProgramsExactlyTheTwinPage() throws {
        for (assumptions, tzen) in [(mirror, false), (ModelAssumptions.defaults, true)] {
            let engine = self.engine(assumptions, tzen: tzen)
            var expected = try withBootloader(engine)
            let result = try engine.program(try image(0x0C00_0100, Array("HELLO".utf8)))
            #expect(result.succeeded)
            #expect(result.erased.map(\.pageAddress) == [0x0800_0000])
            #expect(result.bytesProgrammed == 5)
            #expect(result.bytesPreserved == 2043)
            #expect(result.collateral.isEmpty)
            expected.replaceSubrange(0x100..<0x105, with: Array("HELLO".utf8))
            // With TZEN=1 the factory watermarks make every page secure: a debugger with secure
            // access sees the contents, a non-secure read of 0x08.. reads zeros (reference §8).
            #expect(try engine.read(from: 0x0800_0000, count: 2048, asContents: true) == expected)
            #expect(
                try engine.read(from: 0x0800_0800, count: 16, asContents: true) == [UInt8](repeating: 0xFF, count: 16),
                "page 1 untouched")
            if tzen { #expect(try engine.read(from: 0x0800_0100, count: 5) == [0, 0, 0, 0, 0]) }
            let registers = engine.machine.renderedTrace().compactMap(\.register)
            #expect(registers.contains(tzen ? "SECCR" : "NSCR"))
            #expect(!registers.contains(tzen ? "NSCR" : "SECCR"))
        }
    }

    @Test func secureAliasEraseAndPlanNameOnePage() throws {
        let engine = self.engine(mirror)
        let boot = try withBootloader(engine)
        let plan = try engine.plan { try $0.erase(from: 0x0C00_0000, length: 16) }
        #expect(plan.erased.map(\.pageAddress) == [0x0800_0000])
        #expect(plan.failedCalls.isEmpty)
        // The page erase destroys the rest of the page: 2048 - 16 bytes that all held data.
        #expect(plan.collateral == [AddressRange(from: 0x0800_0010, to: 0x0800_07FF)])
        let result = try engine.erase(from: 0x0C00_0000, length: 0x800)
        #expect(result.succeeded)
        #expect(result.erased.count == 1)
        #expect(try engine.read(from: 0x0800_0000, count: 2048) != boot)
        #expect(try engine.read(from: 0x0C00_0000, count: 2048) == [UInt8](repeating: 0xFF, count: 2048))
    }

    @Test func bothTwinsInOneImageAreRefused() throws {
        let engine = self.engine(mirror)
        let both = try MemoryImage(segments: [
            .init(address: 0x0800_0100, bytes: [1, 2]), .init(address: 0x0C00_0100, bytes: [3, 4]),
        ])
        #expect(throws: EngineError.self) { try engine.program(both) }
    }

    // MARK: 2. Collateral counts bytes that held data

    @Test func collateralIsTheDataLostSplitAtErasedGaps() throws {
        let engine = self.engine()
        let records = try MemoryImage(segments: [
            .init(address: 0x0800_0100, bytes: [UInt8](repeating: 0x11, count: 10)),
            .init(address: 0x0800_0200, bytes: [UInt8](repeating: 0x22, count: 10)),
        ])
        #expect(try engine.program(records).succeeded)
        let result = try engine.erase(from: 0x0800_0000, length: 4)
        #expect(
            result.collateral == [
                AddressRange(from: 0x0800_0100, to: 0x0800_0109),
                AddressRange(from: 0x0800_0200, to: 0x0800_0209),
            ])
        #expect(result.collateralBytes == 20)
    }

    @Test func bankModeChangeCountsOnlyDataBytes() throws {
        let engine = self.engine()
        #expect(try engine.program(try image(0x0807_0000, [UInt8](repeating: 0x30, count: 10))).succeeded)
        // 100 data bytes with an erased byte every tenth: 90 of them held data.
        let striped = (0..<100).map { $0 % 10 == 9 ? UInt8(0xFF) : UInt8(0x42) }
        #expect(try engine.program(try image(0x0800_0000, striped)).succeeded)
        let launch = try engine.setOptions([("DBANK", 0)], launch: true)
        #expect(launch.collateralBytes == 100)
        #expect(launch.collateral.count == 11, "ten runs of nine at page 0 and the ten bytes in bank 2")
    }

    // MARK: 3. Bytes programmed are the image's bytes

    @Test func bytesProgrammedIsTheImageAndPreservedIsSeparate() throws {
        let engine = self.engine()
        #expect(try engine.program(try image(0x0800_0400, [UInt8](repeating: 0x77, count: 64))).succeeded)
        let result = try engine.program(try image(0x0800_0000, [UInt8](repeating: 0x55, count: 10)))
        #expect(result.bytesProgrammed == 10)
        #expect(result.bytesPreserved == 64)
        #expect(try engine.read(from: 0x0800_0400, count: 64) == [UInt8](repeating: 0x77, count: 64))
    }

    @Test func noPreserveLeavesTheRestOfThePageErased() throws {
        let engine = self.engine()
        let result = try engine.program(try image(0x0800_0000, [UInt8](repeating: 0x55, count: 10)), preserve: false)
        #expect(result.bytesProgrammed == 10)
        #expect(result.bytesPreserved == 0)
        let programmed = engine.machine.controller.events.filter { if case .programmed = $0 { true } else { false } }
        #expect(programmed.count == 2, "only the two double words the image touches")
        // A double word left erased can still be programmed without an erase: no PROGERR.
        let chip = TestChip(machine: engine.machine)
        chip.unlock()
        chip.programDoubleWord(0x0800_0010, 0x1234_5678, 0x9ABC_DEF0)
        #expect(chip.nssr & StatusFlag.errorMask == 0)
        #expect(try engine.read(from: 0x0800_0010, count: 4) == [0x78, 0x56, 0x34, 0x12])
    }

    @Test func elfSizedImageCountsItsOwnBytes() throws {
        let engine = self.engine()
        let result = try engine.program(try image(0x0800_0000, [UInt8](repeating: 0x5A, count: 65_792)))
        #expect(result.bytesProgrammed == 65_792)
        #expect(result.erased.count == 33)
    }

    // MARK: 4. Unaligned reads at the end of a flash

    @Test func lastBytesReadTheSameAtAnyAlignment() throws {
        let engine = self.engine()
        #expect(try engine.program(try image(0x0807_FFFC, [0xA1, 0xB2, 0xC3, 0xD4])).succeeded)
        #expect(try engine.read(from: 0x0807_FFFD, count: 3) == [0xB2, 0xC3, 0xD4])
        #expect(try engine.read(from: 0x0807_FFFF, count: 1) == [0xD4])
        let one = try image(0x0807_FFFF, [0xD4])
        #expect(try engine.compare(with: one).bytesDiffering == 0)
    }

    @Test func lastBytesOfTheOctoSPIFlash() throws {
        let engine = self.engine()
        #expect(try engine.program(try image(0x93FF_FFFC, [0x01, 0x02, 0x03, 0x04])).succeeded)
        #expect(try engine.read(from: 0x93FF_FFFD, count: 3) == [0x02, 0x03, 0x04])
        #expect(try engine.read(from: 0x93FF_FFFF, count: 1) == [0x04])
    }

    // MARK: 5. What the controller was sent

    @Test func resultShowsThePageIndexSentBesideThePageErased() throws {
        var assumptions = ModelAssumptions.defaults
        assumptions.bankModeChange = .keep
        let engine = self.engine(assumptions)
        _ = try withBootloader(engine)
        #expect(try engine.setOptions([("DBANK", 0)], launch: true).succeeded)
        let result = try engine.program(
            try image(0x0804_0000, [UInt8](repeating: 0x66, count: 16)), using: engine.builtIn(.assumeDualBank))
        let page = try #require(result.erased.first)
        #expect(page.sentPNB == 0 && page.sentBKER == 1)
        #expect(page.pnb == 0 && page.bker == 0 && page.pageAddress == 0x0800_0000)
        #expect(page.command == "PER PNB 0 BKER 1")
        #expect(result.summary.contains("sent PNB 0 BKER 1, erased PNB 0 BKER 0 at 0x08000000"))
        #expect(ErasedDescription.lines(result.erased).first?.hasSuffix("sent PER PNB 0 BKER 1") == true)
    }

    @Test func octoSPIEraseNamesTheNORCommand() throws {
        let engine = self.engine()
        let result = try engine.erase(from: 0x9000_1000)
        #expect(result.erased.map(\.command) == ["SE4B 0x00001000"])
        #expect(
            ErasedDescription.lines(result.erased) == ["OCTOSPI sector 1 0x90001000–0x90001FFF (sent SE4B 0x00001000)"])
    }

    // MARK: 6. Every state change is reported

    @Test func optionChangesAreListed() throws {
        let engine = self.engine()
        let staged = try engine.setOptions([("SWAP_BANK", 1)], launch: false)
        #expect(staged.optionChanges == [OptionChange(field: "SWAP_BANK", before: 0, after: 1, staged: true)])
        let launched = engine.launchOptions()
        #expect(launched.optionChanges == [OptionChange(field: "SWAP_BANK", before: 0, after: 1, staged: false)])
        #expect(launched.summary.contains("options SWAP_BANK 0 → 1"))
    }

    /// An algorithm that, besides its work, programs the option bytes and launches them.
    private final class OptionWritingAlgorithm: FlashAlgorithm {
        let name = "writes-options"
        let addressRange: ClosedRange<UInt32> = 0x0800_0000...0x0807_FFFF
        let pageSize: UInt32 = 2048
        func sector(containing address: UInt32) -> DeclaredSector? {
            DeclaredSector(start: address & ~0x7FF, size: 2048)
        }
        func initialize(bus: Bus, address: UInt32, clock: UInt32, function: AlgorithmFunction) -> UInt32 { 0 }
        func uninitialize(bus: Bus, function: AlgorithmFunction) -> UInt32 { 0 }
        func eraseSector(bus: Bus, address: UInt32) -> UInt32 { 0 }
        func programPage(bus: Bus, address: UInt32, bytes: [UInt8]) -> UInt32 { 0 }
        func eraseChip(bus: Bus) -> UInt32 {
            // Only through the bus, as a CMSIS algorithm reaches the device.
            bus.write(TestChip.nskeyr, 0x4567_0123)
            bus.write(TestChip.nskeyr, 0xCDEF_89AB)
            bus.write(TestChip.optkeyr, 0x0819_2A3B)
            bus.write(TestChip.optkeyr, 0x4C5D_6E7F)
            let optr = bus.read(TestChip.optr) ?? 0
            bus.write(TestChip.optr, optr | 1 << 20)  // SWAP_BANK
            bus.write(TestChip.nscr, 1 << 17)  // OPTSTRT
            while (bus.read(TestChip.nssr) ?? 0) & StatusFlag.bsy.mask != 0 { bus.waitForEvent() }
            bus.write(TestChip.nscr, 1 << 27)  // OBL_LAUNCH
            return 0
        }
    }

    @Test func anAlgorithmThatLaunchesOptionsReportsThem() throws {
        let engine = self.engine()
        let result = engine.eraseChip(using: OptionWritingAlgorithm())
        #expect(result.optionChanges.contains(OptionChange(field: "SWAP_BANK", before: 0, after: 1, staged: false)))
        #expect(engine.machine.controller.effective.swapBank)
    }

    // MARK: 7. The trace is machine-readable

    @Test func traceNotesReadBackAsFields() {
        let entry = RenderedTraceEntry(
            seq: 1, access: "write", address: 0x4002_2028, size: 4, region: "FLASH", register: "NSCR", value: 2,
            changes: [],
            notes: [
                TraceNote.call("EraseSector(0x08000800)").text,
                TraceNote.executed(pc: 0x2000_00F4, instruction: 75).text,
            ],
            time: 0)
        #expect(entry.callStarted == "EraseSector(0x08000800)")
        #expect(entryPointName(entry.callStarted ?? "") == "EraseSector")
        #expect(entry.executedBy?.pc == 0x2000_00F4)
        #expect(entry.executedBy?.instruction == 75)
    }

    // MARK: 8. Mixed images name each region in its own terms

    @Test func mixedImagePlanNamesPagesAndSectors() throws {
        let engine = self.engine()
        let mixed = try MemoryImage(segments: [
            .init(address: 0x0800_0000, bytes: [UInt8](repeating: 1, count: 100)),
            .init(address: 0x0804_0000, bytes: [UInt8](repeating: 2, count: 100)),
            .init(address: 0x9000_0000, bytes: [UInt8](repeating: 3, count: 0x1_0000)),
        ])
        let plan = try engine.plan { try $0.program(mixed) }
        #expect(plan.bytesProgrammed == mixed.byteCount)
        #expect(
            ErasedDescription.planPhrases(plan.erased) == [
                "erases 2 pages: 0x08000000–0x080407FF",
                "erases 1 OCTOSPI block: 0x90000000–0x9000FFFF",
            ])
        #expect(plan.summary.hasPrefix("2 pages erased, 1 OCTOSPI block erased, 65736 bytes programmed"))
    }
}
