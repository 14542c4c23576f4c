import FlashCore
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// `v` and `d` compare the loaded file with the flash off the update loop: they hand a job to the
/// runner, the bar follows its progress, and the result is shown only if it still applies.
@Suite struct ComparisonJobTests {
    /// The model with `DiffViewTests.loaded`'s file: two ranges differ (byte 0x05, 0x20 bytes at 0x08000800).
    private func loaded() throws -> AppModel { try DiffViewTests.loaded() }

    private func startedComparison(_ effects: [AppEffect]) -> ComparisonJob? {
        guard effects.count == 1, case .startComparison(let job) = effects[0] else { return nil }
        return job
    }

    private func bottomLine(_ model: AppModel) -> String {
        String((App.view(model, size: model.size).lines.last ?? "").reversed().drop { $0 == " " }.reversed())
    }

    @Test func vStartsAComparisonAndShowsTheResultWhenItArrives() throws {
        var model = try loaded()
        let messages = model.messages.count
        let job = try #require(startedComparison(App.update(&model, .key(.char("v")))))
        #expect(job.purpose == .verify)
        #expect(job.file == model.loadedFile)
        #expect(model.status == nil, "nothing is said before the comparison has run")
        #expect(bottomLine(model).hasPrefix("verify app.hex: starting…"))
        #expect(bottomLine(model).hasSuffix("Esc Cancel"))
        _ = App.update(&model, .operationProgress(id: job.id, done: 1, total: 4))
        #expect(bottomLine(model).contains(" 25% (1/4 KiB)"))
        // Keys still act: the cursor moves, an operation waits.
        AppHarness.send(&model, .char("l"))
        #expect(model.cursor == 0x0800_0800)
        #expect(App.update(&model, .key(.char("E"))).isEmpty)
        #expect(model.confirmation == nil)

        _ = App.update(&model, .comparisonFinished(id: job.id, job.run()))
        #expect(model.running == nil)
        #expect(
            model.status
                == StatusMessage(
                    "app.hex: 33 of 96 bytes differ in 2 ranges (each in the messages; ] goes to the next)",
                    isError: true))
        #expect(model.messages.count > messages + 2, "one message per run, after the summary")
        #expect(model.cursor == 0x0800_0005, "the cursor goes to the first differing byte")
    }

    @Test func dStartsAComparisonAndOpensTheViewWhenItArrives() throws {
        var model = try loaded()
        let job = try #require(startedComparison(App.update(&model, .key(.char("d")))))
        #expect(job.purpose == .diff)
        #expect(model.diffView == nil, "not before the result")
        _ = App.update(&model, .comparisonFinished(id: job.id, job.run()))
        #expect(
            model.diffView?.ranges == [
                AddressRange(from: 0x0800_0005, to: 0x0800_0005), .init(from: 0x0800_0800, to: 0x0800_081F),
            ])
        #expect(model.diffView?.bytesCompared == 96)
    }

    @Test func aResultForAFlashThatChangedMeanwhileIsDropped() throws {
        var model = try loaded()
        let job = try #require(startedComparison(App.update(&model, .key(.char("v")))))
        var changed = model.machine.state
        changed.flash[5] = 0xEE
        #expect(App.update(&model, .deviceReloaded(changed, reason: .external)) == [.cancelOperation(id: job.id)])
        #expect(model.running == nil)
        #expect(
            model.status?.text
                == "verify app.hex stopped: the flash or the file changed while it compared; press v again")
        let status = model.status
        // Its own result, computed on the old flash, arrives late: not taken in.
        _ = App.update(&model, .comparisonFinished(id: job.id, job.run()))
        #expect(model.status == status)
        #expect(model.diffView == nil)
        // A new `v` compares the flash as it is now: only the range at 0x08000800 is left.
        AppHarness.send(&model, .char("v"))
        #expect(model.status?.text.hasPrefix("app.hex: 32 of 96 bytes differ in 1 range") == true)
    }

    @Test func anUnchangedReloadKeepsTheComparison() throws {
        var model = try loaded()
        let job = try #require(startedComparison(App.update(&model, .key(.char("d")))))
        #expect(App.update(&model, .deviceReloaded(model.machine.state, reason: .external)).isEmpty)
        _ = App.update(&model, .comparisonFinished(id: job.id, job.run()))
        #expect(model.diffView != nil)
    }

    @Test func escCancelsAComparison() throws {
        var model = try loaded()
        let job = try #require(startedComparison(App.update(&model, .key(.char("v")))))
        #expect(App.update(&model, .key(.escape)) == [.cancelOperation(id: job.id)])
        #expect(bottomLine(model).hasPrefix("cancelling verify app.hex:"))
        _ = App.update(&model, .comparisonFinished(id: job.id, .cancelled))
        #expect(model.running == nil)
        #expect(model.status?.text == "cancelled: verify app.hex")
    }

    /// The job itself: the same comparison `flashscope verify` makes, progress in KiB, and a stop.
    @Test func theJobReportsKiBComparedAndStopsWhenAsked() throws {
        var state = AppHarness.state()
        state.flash[0x1_0000] = 0
        let file = LoadedFile(
            name: "256k.bin",
            image: try MemoryImage(segments: [
                .init(address: 0x0800_0000, bytes: [UInt8](repeating: 0xFF, count: 0x4_0000))
            ]))
        let job = ComparisonJob(id: 7, purpose: .verify, file: file, before: state, generation: 0)
        var heard: [Int] = []
        let outcome = job.run { done, total in
            #expect(total == 256)
            heard.append(done)
            return .proceed
        }
        #expect(heard == [64, 128, 192, 256], "one report per 64 KiB piece")
        let direct = try FlashEngine(machine: Machine(state: state)).compare(
            with: file.image, keepingFirst: App.verifyRunsListed)
        #expect(outcome == .finished(direct), "the result the engine gives on the spot")
        #expect(direct.ranges == [AddressRange(from: 0x0801_0000, to: 0x0801_0000)])

        var calls = 0
        let stopped = job.run { _, _ in
            calls += 1
            return .stop
        }
        #expect(stopped == .cancelled)
        #expect(calls == 1, "it stops at the first report")
    }
}
