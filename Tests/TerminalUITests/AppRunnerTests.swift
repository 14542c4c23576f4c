import FlashCore
import Foundation
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// The runner's loop with a scripted terminal and an in-memory store: a long OCTOSPI program
/// works on the executor's thread while the screen keeps drawing its progress and keys stay live.
@Suite(.serialized) struct AppRunnerTests {
    /// The default device (STM32L562E-DK: an MX25LM51245G on OCTOSPI1) with data in sectors 1 and
    /// 700, which a program over them must preserve and a cancelled one must leave alone.
    static func state() -> DeviceState {
        var state = AppHarness.state(data: [(0, Array("embedded".utf8))])
        state.ospi = NORPersistentState(sectors: [
            0x1000: [UInt8](repeating: 0x11, count: 0x1000), 0x2BC000: [UInt8](repeating: 0x70, count: 0x1000),
        ])
        return state
    }

    /// `bytes` of a counting pattern at the start of the OCTOSPI flash.
    static func image(bytes: Int) throws -> MemoryImage {
        try MemoryImage(segments: [
            .init(address: 0x9000_0000, bytes: (0..<bytes).map { UInt8(truncatingIfNeeded: $0 / 7) })
        ])
    }

    /// P, the file, the OCTOSPI address; once the plan has run and the confirmation asks, y.
    static func programSteps(_ name: String, bytes: Int) -> [ScriptedBackend.Step] {
        var keys: [TerminalEvent] = [.key(.char("P"))]
        keys += TerminalEvent.typed(name)
        keys += [.key(.enter), .key(.ctrl("u"))]
        keys += TerminalEvent.typed("0x90000000")
        keys.append(.key(.enter))
        return [
            .when("FlashScope", send: keys),
            .when("Program \(bytes) bytes of \(name) at 0x90000000?", send: [.key(.char("y"))]),
        ]
    }

    /// The percentage on the progress line of `title` (which starts the bottom line), if shown.
    static func percent(_ screen: String, _ title: String) -> Int? {
        guard let line = screen.split(separator: "\n").last, line.hasPrefix("\(title): "),
            let mark = line.range(of: "% (")
        else { return nil }
        return Int(line[..<mark.lowerBound].reversed().prefix { $0.isNumber }.reversed().map(String.init).joined())
    }

    /// A step that is ready once the progress line of `title` has shown `count` different percentages.
    static func afterProgress(_ title: String, count: Int, send events: [TerminalEvent]) -> ScriptedBackend.Step {
        final class Seen: @unchecked Sendable { var percents = Set<Int>() }
        let seen = Seen()
        return ScriptedBackend.Step(
            waitsFor: "\(count) percentages of \(title)",
            ready: { screen in
                if let shown = percent(screen, title) { seen.percents.insert(shown) }
                return seen.percents.count >= count
            }, events: events)
    }

    /// Compared here, not in `#expect`, which would print megabytes of flash on a mismatch.
    static func same(_ state: DeviceState, _ expected: DeviceState) -> Bool {
        state == expected
    }

    @Test func aLongOctoSPIProgramDrawsProgressAndCancelLeavesTheDeviceUnchanged() throws {
        let bytes = 2 << 20
        let before = Self.state()
        let environment = MemoryEnvironment(files: ["big.bin": try Self.image(bytes: bytes)])
        let backend = ScriptedBackend(
            steps: Self.programSteps("big.bin", bytes: bytes) + [
                Self.afterProgress("program big.bin", count: 3, send: [.key(.escape)]),
                .when("cancelled program big.bin: nothing saved, the device is unchanged", send: [.key(.char("q"))]),
            ])
        let model = AppModel(state: before, deviceName: "test.fsdev", size: backend.size)
        let initial = model.machine.state
        var runner = AppRunner(model: model, backend: backend, environment: environment)
        try runner.run()

        #expect(backend.gaveUpWaitingFor == nil)
        #expect(backend.finishedScript)
        // The plan ran off the loop too: its progress was drawn before the confirmation.
        #expect(backend.frames.contains { Self.percent($0, "planning program big.bin") != nil })
        let shown = backend.frames.compactMap { Self.percent($0, "program big.bin") }
        #expect(Set(shown).count >= 3, "the screen was redrawn as the program went on")
        #expect(shown == shown.sorted(), "the percentage only grows")
        #expect((shown.last ?? 100) < 100, "cancelled part-way")
        #expect(backend.frames.contains { $0.split(separator: "\n").last?.hasSuffix("sectors)  Esc Cancel") == true })
        #expect(environment.saved.isEmpty, "nothing saved")
        #expect(Self.same(runner.model.machine.state, initial), "the device is byte for byte as it was")
        #expect(runner.model.running == nil)
        #expect(!runner.operations.isBusy)
    }

    @Test func quitDuringAnOperationCancelsItAndSavesNothing() throws {
        let bytes = 1 << 20
        let before = Self.state()
        let environment = MemoryEnvironment(files: ["big.bin": try Self.image(bytes: bytes)])
        let backend = ScriptedBackend(
            steps: Self.programSteps("big.bin", bytes: bytes) + [
                Self.afterProgress("program big.bin", count: 2, send: [.key(.char("q"))])
            ])
        let model = AppModel(state: before, deviceName: "test.fsdev", size: backend.size)
        let initial = model.machine.state
        var runner = AppRunner(model: model, backend: backend, environment: environment)
        try runner.run()

        #expect(backend.gaveUpWaitingFor == nil)
        #expect(runner.model.quitRequested)
        #expect(!runner.operations.isBusy, "the runner waited for the operation to stop")
        let finished = runner.mailbox.take().compactMap { msg -> OperationOutcome? in
            if case .operationFinished(_, let outcome) = msg { outcome } else { nil }
        }
        #expect(finished == [.cancelled], "the operation stopped before its end")
        #expect(environment.saved.isEmpty)
        #expect(Self.same(runner.model.machine.state, initial))
    }

    @Test func aFinishedOperationIsSavedAndShown() throws {
        let environment = MemoryEnvironment(files: [:])
        let before = Self.state()
        let backend = ScriptedBackend(steps: [
            .when("FlashScope", send: [.key(.char("E"))]),
            .when("Erase the page at 0x08000000", send: [.key(.char("y"))]),
            .when("erase page at 0x08000000: 1 page erased", send: [.key(.char("q"))]),
        ])
        let model = AppModel(state: before, deviceName: "test.fsdev", size: backend.size)
        let initial = model.machine.state
        var runner = AppRunner(model: model, backend: backend, environment: environment)
        try runner.run()

        #expect(backend.gaveUpWaitingFor == nil)
        let commit = try #require(environment.saved.first)
        #expect(environment.saved.count == 1)
        #expect(Self.same(commit.before, initial))
        #expect(commit.after.flash[0] == 0xFF)
        #expect(Self.same(runner.model.machine.state, commit.after))
    }
    /// `v` on a 64 MiB OCTOSPI file works off the loop: the bar shows its progress, a key pressed
    /// meanwhile (`?`, the help) is handled while it runs, and `q` from there stops it. (Its result
    /// is the engine's own, ComparisonJobTests; a debug build would take minutes to compare it all.)
    @Test func aVerifyOfA64MiBOctoSPIFileDrawsProgressAndKeysStayLive() throws {
        let state = Self.state()
        // The flash's own 64 MiB: erased but for the two sectors with data.
        var bytes = [UInt8](repeating: 0xFF, count: 64 << 20)
        for (offset, sector) in state.ospi?.sectors ?? [:] {
            bytes.replaceSubrange(Int(offset)..<Int(offset) + sector.count, with: sector)
        }
        let environment = MemoryEnvironment(files: [
            "full.bin": try MemoryImage(segments: [.init(address: 0x9000_0000, bytes: bytes)])
        ])
        bytes = []
        let backend = ScriptedBackend(steps: [
            Self.programSteps("full.bin", bytes: 64 << 20)[0],
            // The program's plan is not wanted: Esc stops it, and the file stays loaded for `v`.
            .when("planning program full.bin", send: [.key(.escape)]),
            .when("cancelled: program full.bin", send: [.key(.char("v"))]),
            Self.afterProgress("verify full.bin", count: 3, send: [.key(.char("?"))]),
            .when("Stop the operation: nothing of it is saved", send: [.key(.char("q"))]),
        ])
        var runner = AppRunner(
            model: AppModel(state: state, deviceName: "test.fsdev", size: backend.size), backend: backend,
            environment: environment)
        try runner.run()

        #expect(backend.gaveUpWaitingFor == nil)
        #expect(backend.finishedScript)
        let shown = backend.frames.compactMap { Self.percent($0, "verify full.bin") }
        #expect(Set(shown).count >= 3, "the screen was redrawn as the comparison went on")
        #expect(shown == shown.sorted(), "the percentage only grows")
        #expect(backend.frames.contains { $0.split(separator: "\n").last?.hasSuffix("KiB)  Esc Cancel") == true })
        #expect(
            backend.frames.contains {
                $0.contains("Stop the operation: nothing of it is saved") && Self.percent($0, "verify full.bin") != nil
            }, "the help opened while the comparison was running")
        #expect(!runner.operations.isBusy, "the runner waited for the comparison to stop")
        let finished = runner.mailbox.take().compactMap { msg -> ComparisonOutcome? in
            if case .comparisonFinished(_, let outcome) = msg { outcome } else { nil }
        }
        #expect(finished == [.cancelled], "quitting stopped it before its end")
        #expect(environment.saved.isEmpty)
    }
}
