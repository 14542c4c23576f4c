import FlashCore
import FlashEmulation
import Testing

/// The emulation host with the committed test algorithm and tiny hand-assembled blobs.
@Suite(.enabled(if: Emulator.isAvailable, "needs libunicorn2"))
struct EmulatorTests {
    /// Thumb: +0 `ldr r0,[r0]; bx lr`, +4 `ldrh r0,[r0]; bx lr`, +8 `b .`, +10 `udf #0`.
    static let probes = VendorAlgorithm(
        name: "probes", summary: "", source: .probeRs,
        blob: [0x00, 0x68, 0x70, 0x47, 0x00, 0x88, 0x70, 0x47, 0xFE, 0xE7, 0x00, 0xDE],
        loadAddress: 0x2000_0020, initOffset: nil, uninitOffset: nil, programPageOffset: 1, eraseSectorOffset: 1,
        eraseChipOffset: nil, dataSectionOffset: 12, start: 0x0800_0000, end: 0x0808_0000, pageSize: 0x400,
        erasedByte: 0xFF, sectors: [.init(size: 0x800, address: 0)])

    private func testAlgorithm() throws -> EmulatedFlashAlgorithm {
        try EmulatedFlashAlgorithm(try #require(try AlgorithmFile.load(Fixtures.testAlgorithmPath).first))
    }

    @Test func readsTheFlashSizeRegisterThroughTheBus() throws {
        let emulator = try Emulator(Self.probes)
        let machine = Fixtures.machine(part: .stm32l552xC)
        #expect(try emulator.call(5, [0x0BFA_05E0], bus: machine.bus).get() == 256)
        #expect(emulator.cpuModel == "Cortex-M33")
    }

    @Test func anAddressTheModelDoesNotKnowIsAFaultWithPCAndAddress() throws {
        let emulator = try Emulator(Self.probes)
        let machine = Fixtures.machine()
        // RCC: a real peripheral, but not one the model knows.
        let fault = try #require(emulator.call(1, [0x4002_1000], bus: machine.bus).failure)
        #expect(fault.kind == .unknownAddress(access: "read"))
        #expect(fault.address == 0x4002_1000)
        #expect(fault.pc == 0x2000_0020)
        // Outside every mapped range (no RAM, no device window).
        let outside = try #require(emulator.call(1, [0x3000_0000], bus: machine.bus).failure)
        #expect(outside.kind == .unknownAddress(access: "read"))
        #expect(outside.address == 0x3000_0000)
    }

    @Test func aBusyLoopRunsOutOfItsBudget() throws {
        let emulator = try Emulator(Self.probes)
        emulator.instructionBudget = 5_000
        let fault = try #require(emulator.call(9, [], bus: Fixtures.machine().bus).failure)
        #expect(fault.kind == .budgetExhausted(5_000))
        #expect(fault.pc == 0x2000_0028)
    }

    @Test func anUndefinedInstructionIsAnException() throws {
        let emulator = try Emulator(Self.probes)
        let fault = try #require(emulator.call(11, [], bus: Fixtures.machine().bus).failure)
        guard case .exception = fault.kind else {
            Issue.record("expected an exception, got \(fault)")
            return
        }
        #expect(fault.pc == 0x2000_002A)
    }

    @Test func theEmulatorKeepsWorkingAfterAFault() throws {
        let emulator = try Emulator(Self.probes)
        let machine = Fixtures.machine()
        _ = emulator.call(1, [0x4002_1000], bus: machine.bus)
        #expect(try emulator.call(5, [0x0BFA_05E0], bus: machine.bus).get() == 512)
    }

    @Test func engineErasesAndProgramsWithTheTestAlgorithm() throws {
        let machine = Fixtures.machine()
        let engine = FlashEngine(machine: machine)
        let data = (0..<3000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let image = try MemoryImage(segments: [.init(address: 0x0804_0400, bytes: data)])
        let result = try engine.program(image, using: try testAlgorithm(), verify: true)
        #expect(result.succeeded, "\(result.failedCalls) \(result.errors)")
        #expect(result.verifyMismatches == [])
        // 0x08040400–0x08040FB7 lies in the declared 2 KB sectors at 0x08040000 and 0x08040800: bank 2, PNB 0 and 1.
        #expect(result.erased.map(\.pnb) == [0, 1])
        #expect(result.erased.allSatisfy { $0.bker == 1 && $0.pageSize == 2048 })
        #expect(try engine.read(from: 0x0804_0400, count: data.count) == data)
    }

    @Test func everyCoreAccessIsTracedWithItsInstruction() throws {
        let machine = Fixtures.machine()
        let engine = FlashEngine(machine: machine)
        let algorithm = try testAlgorithm()
        _ = try engine.erase(from: 0x0800_0800, using: algorithm)
        let entries = machine.trace.entries
        #expect(!entries.isEmpty)
        let blob = algorithm.vendor.loadAddress..<(algorithm.vendor.loadAddress + UInt32(algorithm.vendor.blob.count))
        for entry in entries {
            let pcs = entry.notes.compactMap { note -> UInt32? in
                if case .executed(let pc, _) = note { return pc }
                return nil
            }
            #expect(
                pcs.count == 1 && blob.contains(pcs[0]),
                "access \(entry.seq) at \(hex(entry.address)) has no instruction")
        }
        // The erase itself: STRT with PER in NSCR, PNB 1, made by the algorithm's code.
        #expect(entries.contains { $0.access == .write && $0.address == 0x4002_2028 && $0.value == 0x0001_000A })
    }

    @Test func steppingShowsEachInstructionAndTheRegisters() throws {
        let algorithm = try testAlgorithm()
        let log = StepLog()
        log.attach(to: algorithm.emulator)
        #expect(
            algorithm.initialize(bus: Fixtures.machine().bus, address: 0x0800_0000, clock: 0, function: .erase) == 0)
        log.detach(from: algorithm.emulator)
        let first = try #require(log.steps.first)
        #expect(first.pc == algorithm.vendor.loadAddress + (try #require(algorithm.vendor.initOffset)) & ~1)
        #expect(first.registers.r[0] == 0x0800_0000)
        #expect(first.registers.lr == algorithm.emulator.breakpoint | 1)
        #expect(log.steps.count > 10)
        // Init starts with `ldr r3, [pc, #64]` (arm-none-eabi-objdump of flash_algo.FLM).
        if Emulator.canDisassemble { #expect(first.disassembly == "ldr r3, [pc, #0x40]") }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
