import FlashCore
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// Issue 18, missing 3: step controls for long operations.
@Suite struct StepControlTests {
    /// stm32l5-flash.md: a page erase is keys, NSCR with PER and PNB, then the STRT write that erases.
    @Test func sRunsToTheStartWriteWhereThePageErases() throws {
        var model = AppHarness.model(AppHarness.state(data: [(0, [1, 2, 3])]))
        AppHarness.send(&model, .char("t"), .char("E"), .char("y"))
        AppHarness.send(&model, .char("s"))
        let session = try #require(model.stepping)
        let current = try #require(session.replayer.current)
        #expect(current.access == .write && current.value & (1 << 16) != 0, "the STRT write")
        #expect(model.shownMachine.controller.array.bytes[0] == 0xFF, "the page is erased at that access")
        #expect(session.replayer.entries[..<(session.position - 1)].allSatisfy { !StepSession.entry($0, is: .start) })
        #expect(model.status?.text.hasPrefix("ran ") == true)
        AppHarness.send(&model, .char("s"))
        #expect(model.status?.isError == true, "no second start in one page erase")
        #expect(model.stepping?.position == session.position, "stays where it was")
    }

    @Test func aRunsToTheNextAlgorithmCall() throws {
        var model = AppHarness.model()
        AppHarness.send(&model, .char("t"), .char("E"), .char("y"), .char("a"))
        let current = try #require(model.stepping?.replayer.current)
        #expect(current.notes.contains { if case .call = $0 { true } else { false } })
    }

    /// stm32l5-flash.md: programming a write-protected page sets WRPERR.
    @Test func eRunsToTheNextError() throws {
        var state = AppHarness.state()
        state.effective[.wrp1ar] = 0xFF80_FF80  // page 0 of bank 1 protected
        state.pending[.wrp1ar] = 0xFF80_FF80
        var model = AppHarness.model(state)
        // The plan predicts WRPERR: a warning, so y twice.
        AppHarness.send(&model, .char("t"), .char("E"), .char("y"), .char("y"), .char("e"))
        let current = try #require(model.stepping?.replayer.current)
        #expect(current.notes.contains { if case .flag = $0 { true } else { false } }, "\(current.notes)")
    }

    @Test func hashReplaysANumberOfAccesses() throws {
        var model = AppHarness.model()
        AppHarness.send(&model, .char("t"), .char("E"), .char("y"))
        AppHarness.send(&model, [.char("#")] + AppHarness.keys("3") + [.enter])
        #expect(model.stepping?.position == 3)
        AppHarness.send(&model, [.char("#")] + AppHarness.keys("100000") + [.enter])
        #expect(model.stepping?.replayer.isFinished == true, "never past the end")
        AppHarness.send(&model, [.char("#")] + AppHarness.keys("zero") + [.enter])
        #expect(model.prompt?.state.error != nil)
    }

    /// octospi-mx25lm51245g.md: a sector erase is WREN, then SE4B (or its OPI form), then status polls.
    @Test func onTheOctoSPIFlashTheStartIsTheEraseCommand() throws {
        var model = AppHarness.model(OctoSPIAppTests.state())
        AppHarness.goTo(&model, "0x90011000")
        AppHarness.send(&model, .char("t"), .char("E"), .char("y"), .char("s"))
        let current = try #require(model.stepping?.replayer.current)
        let command = current.notes.compactMap { if case .norCommand(let c) = $0 { c } else { nil } }.first
        #expect(command.map { StepSession.norStarts.contains($0.commandName) } == true, "\(current.notes)")
    }
}

/// Issue 18, missing 1 and 2, broken 7: redo, the log viewer, the P prompt.
@Suite struct HistoryAndPromptTests {
    @Test func redoAsksTheStoreAndSaysWhatItRedid() {
        var model = AppHarness.model()
        AppHarness.send(&model, .char("E"), .char("y"))
        let after = model.machine.state
        #expect(AppHarness.send(&model, .char("r")) == [.redo])
        #expect(AppHarness.send(&model, .ctrl("r")) == [.redo])
        _ = App.update(&model, .deviceReloaded(after, reason: .redone(1, what: "erase 0x08000000 (1 page erased)")))
        #expect(model.status?.text == "redid operation 1: erase 0x08000000 (1 page erased)")
    }

    @Test func undoSaysWhatItUndid() {
        var model = AppHarness.model()
        let before = model.machine.state
        AppHarness.send(&model, .char("E"), .char("y"))
        _ = App.update(
            &model, .deviceReloaded(before, reason: .undone([1], what: ["erase 0x08000000 (1 page erased)"])))
        #expect(model.status?.text == "undid operation 1: erase 0x08000000 (1 page erased); r redoes it")
    }

    @Test func theLogViewerShowsMessagesInFullTheTraceAndTheHistory() throws {
        var model = AppHarness.model(size: Size(width: 80, height: 24))
        let long = "cannot save the operation: " + String(repeating: "a very long reason ", count: 10) + "END"
        _ = App.update(&model, .effectFailed(long))
        AppHarness.send(&model, .escape, .char("E"), .char("y"))
        #expect(AppHarness.send(&model, .char("m")) == [.loadHistory])
        #expect(model.logViewer?.section == .messages)
        var screen = App.view(model, size: model.size).lines.joined(separator: "\n")
        #expect(screen.contains("END"), "the long message is there in full, wrapped")
        AppHarness.send(&model, .tab)
        #expect(model.logViewer?.section == .trace)
        screen = App.view(model, size: model.size).lines.joined(separator: "\n")
        #expect(screen.contains("call UnInit(erase)"), "the viewer opens at the end of the trace")
        AppHarness.send(&model, .home)
        screen = App.view(model, size: model.size).lines.joined(separator: "\n")
        #expect(screen.contains("erase page at 0x08000000: 15 accesses kept"))
        #expect(screen.contains("write NSKEYR"), "the first accesses: the keys")
        _ = App.update(&model, .historyLoaded(["#1 2026-12-02 flashscope tui: erase 0x08000000: 1 page erased"]))
        AppHarness.send(&model, .tab)
        screen = App.view(model, size: model.size).lines.joined(separator: "\n")
        #expect(screen.contains("#1 2026-12-02 flashscope tui: erase"))
        let before = model.machine.state
        AppHarness.send(&model, .char("E"), .char("D"))
        #expect(model.machine.state == before, "keys go to the viewer while it is open")
        AppHarness.send(&model, .escape)
        #expect(model.logViewer == nil)
    }

    @Test func aHexFileIsReadWithoutAskingAnAddress() {
        var model = AppHarness.model()
        AppHarness.send(&model, [.char("P")] + AppHarness.keys("fw.hex") + [.enter])
        #expect(model.prompt == nil)
        #expect(
            App.update(&model, .fileInspected(path: "fw.hex", isBinary: false)) == [
                .loadImage(path: "fw.hex", address: 0)
            ])
        #expect(model.prompt == nil, "no address asked for a file that says where it goes")
    }

    @Test func aMissingFileIsSaidBeforeAnythingElse() {
        var model = AppHarness.model()
        AppHarness.send(&model, [.char("P")] + AppHarness.keys("~/nope.bin") + [.enter])
        _ = App.update(&model, .fileRejected(typed: "~/nope.bin", reason: "/root/nope.bin: no such file"))
        #expect(model.prompt?.purpose == .programFile, "the file prompt again, not the address")
        #expect(model.prompt?.state.text == "~/nope.bin")
        #expect(model.prompt?.state.error == "/root/nope.bin: no such file")
    }
}
