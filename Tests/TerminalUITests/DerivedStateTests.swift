import FlashCore
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// What the model keeps for drawing (the bank maps' page states, the option bytes panel's rows)
/// follows the device: remade when an operation, a step or a staged option changes what they show.
@Suite struct DerivedStateTests {
    @Test func theBankMapsFollowEachStepAndTheCommit() throws {
        var model = AppHarness.model(AppHarness.state(data: [(0, [UInt8](repeating: 0x42, count: 2048))]))
        #expect(model.pageMaps?.banks.first?.first == .programmed)
        AppHarness.send(&model, .char("t"), .char("E"), .char("y"))
        let session = try #require(model.stepping)
        var seen: [PageState] = []
        for _ in 0..<session.total {
            AppHarness.send(&model, .char("n"))
            if let state = model.pageMaps?.banks.first?.first, seen.last != state { seen.append(state) }
        }
        #expect(seen == [.programmed, .erased], "page 0 shows erased from the step that erased it on")
        AppHarness.send(&model, .char("c"))
        #expect(model.stepping == nil)
        #expect(model.pageMaps?.banks.first?.first == .erased, "the committed device")
        #expect(model.pageMaps?.banks.count == 2)
    }

    @Test func theOptionRowsFollowAStagedValue() throws {
        var model = AppHarness.model()
        let before = try #require(model.optionPanel?.rows.first { $0.name == "DBANK" })
        #expect(!before.isPending)
        AppHarness.send(&model, .char("D"))
        let after = try #require(model.optionPanel?.rows.first { $0.name == "DBANK" })
        #expect(after.isPending && after.pending == 0 && after.effective == 1)
        #expect(App.view(model, size: model.size).lines.joined().contains("DBANK"))
    }
}
