import FlashCore
import GDBRemote
import Testing

@testable import Attach

/// Issue 17 item 3: a live operation's trace reads like the model's (register names and fields
/// from the same declarations, the algorithm's entry points), and each busy wait is timed beside
/// the model's datasheet time. The simulated chip's own clock stands in for the host's, so the
/// figures are the model's (reference §6: page erase 22.0 ms typical), never wall time.
@Suite struct LiveTraceTests {
    private func chip() -> Machine {
        var state = DeviceState(part: .stm32l552xC)
        for index in 0..<0x4000 { state.flash[index] = UInt8(truncatingIfNeeded: index * 5 + 3) }
        return Machine(state: state)
    }

    /// Erases the page at 0x08001000 on `chip` with `model` as the snapshot; the host clock is the chip's.
    private func liveErase(_ chip: Machine, model: DeviceState) throws -> LiveOutcome {
        let memory = MachineMemory(chip)
        return try LiveRun.run(
            .erase(from: 0x0800_1000, length: nil), model: model, chip: memory,
            chipOptions: try ChipIdentity.read(memory).options, allowReset: false, allowLockout: false,
            hostTime: { chip.clock.now })
    }

    @Test func theLiveTraceNamesRegistersFieldsAndEntryPointsAsTheModelDoes() throws {
        let chip = chip()
        let outcome = try liveErase(chip, model: chip.state)
        #expect(outcome.divergences.isEmpty, "\(outcome.divergences)")
        let calls = outcome.trace.compactMap(\.callStarted)
        #expect(calls == ["Init(erase)", "EraseSector(0x08001000)", "UnInit(erase)"])
        #expect(calls == outcome.predictedTrace.compactMap(\.callStarted), "the model's entry points, in its words")
        // Reference §5: PER with PNB, then STRT, on NSCR; NSSR polled until BSY clears.
        let start = try #require(outcome.trace.first { $0.register == "NSCR" && $0.changes.contains("STRT=1") })
        #expect(start.access == "write")
        #expect(outcome.trace.contains { $0.register == "NSCR" && $0.changes.contains("PNB=2 (was 0)") })
        #expect(outcome.trace.contains { $0.register == "NSSR" && $0.value & StatusFlag.bsy.mask != 0 })
        #expect(outcome.trace.contains { $0.register == "OPTR" }, "Init reads OPTR from the chip")
        #expect(outcome.departure == nil, "\(outcome.departure ?? "")")
    }

    @Test func eachBusyWaitIsTimedBesideTheModelsDatasheetTime() throws {
        let chip = chip()
        let outcome = try liveErase(chip, model: chip.state)
        let model = BusyWait.find(in: outcome.predictedTrace)
        #expect(model.map(\.elapsed) == [22_000_000], "one page erase, 22.0 ms typical")
        let live = try #require(BusyWait.find(in: outcome.trace).first)
        #expect(live.call == "EraseSector(0x08001000)")
        #expect(live.busyPolls > 0)
        // The chip's BSY lasted 22.0 ms of its clock; every access takes 20 µs, so the polls bound it that closely.
        #expect(live.atLeast <= 22_000_000 && 22_000_000 <= live.atMost, "\(live)")
        #expect(live.atMost - live.atLeast <= 60_000, "\(live)")
        #expect(outcome.timing.count == 1)
        #expect(outcome.timing[0].hasPrefix("timing EraseSector(0x08001000) STRT: BSY 22."), "\(outcome.timing)")
        #expect(outcome.timing[0].hasSuffix("; the model 22.0 ms"), "\(outcome.timing)")
    }

    @Test func onlyAnEraseFasterThanAnyRoundTripCanExplainIsADivergence() {
        let model = BusyWait(
            call: "EraseSector(0x08000000)", started: "STRT", atLeast: 0, atMost: 22_000_000, elapsed: 22_000_000,
            busyPolls: 1)
        func timing(_ busyPolls: Int, _ atLeast: UInt64, _ atMost: UInt64, started: String = "STRT") -> BusyTiming {
            let chip = BusyWait(
                call: model.call, started: started, atLeast: atLeast, atMost: atMost, elapsed: atMost,
                busyPolls: busyPolls)
            return BusyTiming(chip: [chip], model: [model])
        }
        // BSY already clear at the first poll, answered 1 ms after STRT: no page erase is that fast.
        let fast = timing(0, 0, 1_000_000)
        #expect(fast.divergences.map(\.what) == ["timing of EraseSector(0x08000000)"])
        #expect(
            fast.lines == [
                "timing EraseSector(0x08000000) STRT: BSY clear at the first poll, at most 1.0 ms after it; the model 22.0 ms"
            ])
        // A slow round trip (15 ms) can hide a normal erase; a slow chip is information only.
        #expect(timing(0, 0, 15_000_000).divergences.isEmpty)
        #expect(timing(40, 300_000_000, 310_000_000).divergences.isEmpty)
        // Polls that saw BSY set bound it from below: no claim of speed from them.
        #expect(timing(3, 500_000, 1_000_000).divergences.isEmpty)
        // Option programming has no datasheet figure.
        #expect(timing(0, 0, 1_000_000, started: "OPTSTRT").divergences.isEmpty)
    }

    /// The engine reads the bytes a program keeps through the bus, a live program off it: that is
    /// no departure, only the register accesses are compared.
    @Test func aLiveProgramFollowsTheModelsRegisterSequence() throws {
        let chip = chip()
        let memory = MachineMemory(chip)
        let image = try MemoryImage(segments: [.init(address: 0x0800_0810, bytes: [UInt8](repeating: 0x5A, count: 64))])
        let outcome = try LiveRun.run(
            .program(image), model: chip.state, chip: memory, chipOptions: try ChipIdentity.read(memory).options,
            allowReset: false, allowLockout: false, hostTime: { chip.clock.now })
        #expect(outcome.divergences.isEmpty, "\(outcome.divergences)")
        #expect(outcome.departure == nil, "\(outcome.departure ?? "")")
        // The page keeps its data, so the whole page is programmed again, as the model does.
        #expect(outcome.trace.compactMap(\.callStarted) == outcome.predictedTrace.compactMap(\.callStarted))
        #expect(outcome.trace.compactMap(\.callStarted).contains("ProgramPage(0x08000800, 2048)"))
    }

    @Test func aChipThatReadsOtherwiseDepartsFromTheModelsSequence() throws {
        let chip = chip()
        // The snapshot says single-bank (DBANK=0), the chip is dual-bank: Init reads another OPTR.
        var stale = chip.state
        stale.effective[OptionField.dbank] = 0
        stale.pending = stale.effective
        let outcome = try liveErase(chip, model: stale)
        let departure = try #require(outcome.departure)
        #expect(departure.contains("from OPTR"), "\(departure)")
    }
}
