import FlashCore
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// The update loop while an operation works off it: what the screen shows and which keys act.
@Suite struct RunningOperationTests {
    private let file = LoadedFile(
        name: "ext.bin",
        image: (try? MemoryImage(segments: [.init(address: 0x9000_0000, bytes: [UInt8](repeating: 5, count: 0x10000))]))
            ?? MemoryImage())

    /// The last line of the screen, without the spaces that fill it out.
    private func bottomLine(_ model: AppModel) -> String {
        String((App.view(model, size: AppHarness.small).lines.last ?? "").reversed().drop { $0 == " " }.reversed())
    }

    private func startedJob(_ effects: [AppEffect]) -> OperationJob? {
        guard effects.count == 1, case .startOperation(let job) = effects[0] else { return nil }
        return job
    }

    @Test func theBarFollowsProgressAndOnlyCancelQuitAndMovesAct() throws {
        var model = AppHarness.model()
        let job = try #require(startedJob(App.update(&model, .imageLoaded(path: file.name, image: file.image))))
        #expect(job.purpose == .plan)
        #expect(model.confirmation == nil, "the confirmation waits for the plan")
        #expect(bottomLine(model).hasPrefix("planning program ext.bin: starting…"))
        #expect(bottomLine(model).hasSuffix("Esc Cancel"))

        _ = App.update(&model, .operationProgress(id: job.id, done: 3, total: 16))
        #expect(bottomLine(model).contains(" 18% (3/16 sectors)"))
        _ = App.update(&model, .operationProgress(id: job.id + 1, done: 15, total: 16))
        #expect(bottomLine(model).contains(" 18% (3/16 sectors)"), "another operation's progress is not this one's")

        // Operations wait: E asks nothing, u undoes nothing.
        #expect(AppHarness.send(&model, .char("E"), .char("u"), .char("D")).isEmpty)
        #expect(model.confirmation == nil)
        #expect(model.status?.text == "planning program ext.bin is still running: wait for it, or Esc cancels it")
        // Looking around still works.
        AppHarness.send(&model, .char("l"))
        #expect(model.cursor == 0x0800_0800)

        AppHarness.send(&model, .char("?"))
        let help = App.view(model, size: AppHarness.small).lines.joined(separator: "\n")
        #expect(help.contains("Esc") && help.contains("Stop the operation: nothing of it is saved"))
        AppHarness.send(&model, .char("?"))

        #expect(App.update(&model, .key(.escape)) == [.cancelOperation(id: job.id)])
        #expect(bottomLine(model).hasPrefix("cancelling planning program ext.bin:"))
        _ = App.update(&model, .operationFinished(id: job.id, .cancelled))
        #expect(model.running == nil)
        #expect(model.confirmation == nil)
        #expect(model.status?.text == "cancelled: program ext.bin")
        #expect(!bottomLine(model).contains("Cancel"), "the key bar is back")
    }

    @Test func quitDuringAnOperationCancelsItFirst() throws {
        var model = AppHarness.model()
        let plan = try #require(startedJob(App.update(&model, .imageLoaded(path: file.name, image: file.image))))
        _ = App.update(&model, .operationFinished(id: plan.id, plan.run(offering: [])))
        #expect(model.confirmation?.details.contains("programs 65536 bytes of the image") == true)
        let job = try #require(startedJob(App.update(&model, .key(.char("y")))))
        #expect(job.purpose == .commit)
        #expect(job.id != plan.id)
        #expect(App.update(&model, .key(.char("q"))) == [.cancelOperation(id: job.id), .quit])
        #expect(model.quitRequested)
    }

    @Test func aCancelledRunKeepsTheDeviceAndALateFinishIsIgnored() throws {
        var model = AppHarness.model()
        let before = model.machine.state
        let plan = try #require(startedJob(App.update(&model, .imageLoaded(path: file.name, image: file.image))))
        _ = App.update(&model, .operationFinished(id: plan.id, plan.run(offering: [])))
        let job = try #require(startedJob(App.update(&model, .key(.char("y")))))
        _ = App.update(&model, .key(.escape))
        #expect(App.update(&model, .operationFinished(id: job.id, .cancelled)).isEmpty)
        #expect(model.status?.text == "cancelled program ext.bin: nothing saved, the device is unchanged")
        #expect(model.machine.state == before, "the device as it was")
        // The job's own result, had it arrived after all, is not taken in: its id is done.
        #expect(App.update(&model, .operationFinished(id: job.id, job.run(offering: []))).isEmpty)
        #expect(model.machine.state == before)
    }
}
