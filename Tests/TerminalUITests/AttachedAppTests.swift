import FlashCore
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// Issue 17, items 2 and 3: `tui --attach` shows a real board as its reader reads it, tells the
/// reader what the user looks at, reads it all again on `R`, refuses device keys unless `--live`,
/// and with `--live` confirms an operation with its prediction before the chip runs it.
@Suite struct AttachedAppTests {
    private static let server = "127.0.0.1:3333"
    private static let pageZero = AddressRange(from: 0x0800_0000, to: 0x0800_07FF)

    private func attachedModel(live: Bool = false) -> AppModel {
        AppModel(
            state: AppHarness.state(), deviceName: Self.server, size: Size(width: 160, height: 50),
            attached: AttachedView(
                server: Self.server, board: "STM32L562xE, RDP 0, core halted", chunkSize: 0x1000, live: live))
    }

    /// The board after the reader read `chunks` (4 KiB each, address order), with `bytes` at the start of the flash.
    private func picture(chunks: [UInt32], bytes: [UInt8] = [], refused: [AddressRange] = []) -> AttachedEvent {
        var state = AppHarness.state()
        state.flash.replaceSubrange(0..<bytes.count, with: bytes)
        return .board(
            BoardPicture(
                state: state, read: Set(chunks), refused: refused, done: chunks.count * 0x1000,
                total: 512 * 1024 + 512, readAt: "14:03:27", board: "STM32L562xE, RDP 0, core halted"))
    }

    private func bank1(_ model: AppModel) -> [PageState] {
        FlashPageStates.states(of: model.machine, bank: 1, file: nil, board: model.attached)
    }

    @Test func theReaderIsToldWhatTheUserLooksAtAndUnreadPagesSaySo() {
        var model = attachedModel()
        // The first message asks for the page under the cursor; the same page is not asked for twice.
        #expect(App.update(&model, .resize(Size(width: 160, height: 50))) == [.readFirst(Self.pageZero)])
        #expect(App.update(&model, .resize(Size(width: 160, height: 50))) == [])
        #expect(bank1(model).allSatisfy { $0 == .notRead })
        let screen = App.view(model, size: model.size).lines.joined(separator: "\n")
        #expect(screen.contains("reading 0x08000000 from the board"), "\(screen)")
        #expect(screen.contains("? not read"), "the legend names the glyph")
        #expect(!screen.contains("08000000  FF FF"), "an unread page shows no erased bytes")
        #expect(screen.contains("attached 127.0.0.1:3333: STM32L562xE, RDP 0, core halted"))
        // Moving to the next page asks for it.
        #expect(AppHarness.send(&model, .char("l")) == [.readFirst(AddressRange(from: 0x0800_0800, to: 0x0800_0FFF))])
    }

    @Test func readChunksShowTheirBytesAndTheRestStaysUnread() {
        var model = attachedModel()
        AppHarness.update(&model, .attached(picture(chunks: [0x0800_0000], bytes: [0xDE, 0xAD, 0xBE, 0xEF])))
        // One 4 KiB chunk is two 2 KiB pages: page 0 holds data, page 1 is erased, page 2 is not read.
        #expect(Array(bank1(model).prefix(3)) == [.partlyProgrammed, .erased, .notRead])
        let screen = App.view(model, size: model.size).lines.joined(separator: "\n")
        #expect(screen.contains("08000000  DE AD BE EF FF"), "\(screen)")
        #expect(screen.contains("reading 4/512 KiB"), "\(screen)")
    }

    @Test func refusedPagesAreUnreadableNotErased() {
        var model = attachedModel()
        let flash = AddressRange(from: 0x0800_0000, to: 0x0807_FFFF)
        AppHarness.update(&model, .attached(picture(chunks: [], refused: [flash])))
        #expect(bank1(model).allSatisfy { $0 == .unreadable })
        let screen = App.view(model, size: model.size).lines.joined(separator: "\n")
        #expect(screen.contains("the board refused to read 0x08000000"), "\(screen)")
        #expect(screen.contains("X unreadable"))
    }

    @Test func rReadsEverythingAgainWhatIsInViewFirst() {
        var model = attachedModel()
        _ = App.update(&model, .resize(model.size))
        AppHarness.update(&model, .attached(picture(chunks: [0x0800_0000, 0x0800_1000])))
        #expect(bank1(model)[0] == .erased)
        #expect(AppHarness.send(&model, .char("R")) == [.refreshBoard(first: Self.pageZero)])
        #expect(bank1(model).allSatisfy { $0 == .notRead }, "everything is unread until the reader says otherwise")
        #expect(model.status?.text.contains("re-reading the board at 127.0.0.1:3333") == true)
    }

    @Test func deviceKeysAreRefusedWithoutLive() {
        var model = attachedModel()
        AppHarness.update(&model, .attached(picture(chunks: [0x0800_0000])))
        for key in [Key.char("E"), .char("P"), .char("D"), .char("L"), .char("u"), .char("M"), .char("B")] {
            #expect(AppHarness.send(&model, key) == [], "\(key)")
            #expect(model.status?.isError == true && model.status?.text.contains("--live") == true, "\(key)")
            #expect(model.confirmation == nil && model.prompt == nil && model.running == nil)
        }
        // A device file's changes on disk have nothing to say about the board.
        AppHarness.update(&model, .deviceReloaded(.factoryFresh(.stm32l552xC), reason: .external))
        #expect(model.machine.part == .stm32l562xE)
    }

    @Test func aLivePageEraseReadsThePageFirstThenConfirmsWithThePrediction() throws {
        var model = attachedModel(live: true)
        // Not read yet: no prediction, the reader is asked for the page.
        #expect(AppHarness.send(&model, .char("E")) == [.readFirst(Self.pageZero)])
        #expect(model.confirmation == nil)
        #expect(model.status?.text.contains("not read yet") == true)
        AppHarness.update(&model, .attached(picture(chunks: [0x0800_0000], bytes: [1, 2, 3, 4, 5, 6, 7, 8])))
        #expect(AppHarness.send(&model, .char("E")) == [])
        let confirmation = try #require(model.confirmation)
        #expect(confirmation.question.contains("on the REAL CHIP at 127.0.0.1:3333"), "\(confirmation.question)")
        #expect(confirmation.onChip)
        #expect(confirmation.details.count > 1, "the prediction's lines follow: \(confirmation.details)")
        let screen = App.view(model, size: model.size)
        let row = try #require(screen.lines.firstIndex { $0.contains("predicted on the board as read") })
        let column = try #require(screen.lines[row].range(of: "predicted")).lowerBound
        let x = screen.lines[row].distance(from: screen.lines[row].startIndex, to: column)
        #expect(screen.cell(atX: x, y: row)?.role == .warning, "the prediction is drawn in the warning role")
        // The model is not touched: the chip runs it, on the reader's thread.
        #expect(AppHarness.send(&model, .char("y")) == [.runLive(.erasePage(0x0800_0000))])
        #expect(model.attached?.running == "erase page at 0x08000000")
        #expect(model.machine.controller.array.bytes[0] == 1)
    }

    @Test func aDivergenceIsReportedAndListed() {
        var model = attachedModel(live: true)
        let divergences = [
            "bytes 0x08000808–0x0800080F (8): predicted 01 02, the chip has FF FF",
            "NSSR: predicted no flags, the chip has PGSERR",
        ]
        AppHarness.update(
            &model,
            .attached(.liveFinished(LiveVerdict(title: "program fw.bin", divergences: divergences, accesses: 120))))
        #expect(model.status?.isError == true)
        #expect(model.status?.text.contains("the chip did NOT do what the model predicted: 2 divergences") == true)
        for divergence in divergences { #expect(model.messages.contains { $0.text == divergence }) }
        AppHarness.update(
            &model,
            .attached(.liveFinished(LiveVerdict(title: "erase page at 0x08000000", divergences: [], accesses: 80))))
        #expect(
            model.status?.text
                == "erase page at 0x08000000 on the chip: the chip did what the model predicted (80 accesses)")
    }

    /// After a live operation `m` shows the chip's trace where a model operation's shows, and the
    /// messages carry its timing lines (issue 17 item 3).
    @Test func theLogViewerShowsTheChipsTraceAndTheTiming() throws {
        var model = attachedModel(live: true)
        // A trace in the model's words, as the reader renders the chip's accesses.
        let machine = Machine(state: AppHarness.state())
        _ = try FlashEngine(machine: machine).erase(from: 0x0800_0000, length: nil)
        let trace = machine.renderedTrace()
        let timing = "timing EraseSector(0x08000000) STRT: BSY 21.9 ms–22.4 ms on the chip; the model 22.0 ms"
        AppHarness.update(
            &model,
            .attached(
                .liveFinished(
                    LiveVerdict(
                        title: "erase page at 0x08000000", divergences: [], accesses: trace.count, trace: trace,
                        notes: [timing]))))
        #expect(model.messages.contains { $0.text == timing && !$0.isError })
        AppHarness.send(&model, .char("m"), .tab)
        #expect(model.logViewer?.section == .trace)
        AppHarness.send(&model, .home)
        let screen = App.view(model, size: model.size).lines.joined(separator: "\n")
        #expect(screen.contains("erase page at 0x08000000 on the chip: \(trace.count) accesses kept"), "\(screen)")
        #expect(screen.contains("write NSKEYR"), "\(screen)")
    }

    /// The OCTOSPI map of an attached STM32L562xE: sectors not read yet are "not read", never
    /// erased; refused ones "unreadable"; a zoomed cell with any unread sector is not read; the
    /// title counts the sectors read, and moving onto the OCTOSPI flash asks for the sector.
    @Test func theOctoSPIMapShowsWhatHasBeenReadOfTheWindow() throws {
        var model = attachedModel()
        _ = App.update(&model, .resize(model.size))
        var map = try #require(model.ospiMap)
        #expect(map.states.allSatisfy { $0 == .notRead }, "nothing of the OCTOSPI flash has been read")
        var screen = App.view(model, size: model.size).lines.joined(separator: "\n")
        #expect(screen.contains("read 0/16384"), "\(screen)")
        #expect(AppHarness.send(&model, .char("o")) == [.readFirst(AddressRange(from: 0x9000_0000, to: 0x9000_0FFF))])
        let refused = AddressRange(from: 0x9000_1000, to: 0x9000_1FFF)
        AppHarness.update(&model, .attached(picture(chunks: [0x0800_0000, 0x9000_0000], refused: [refused])))
        map = try #require(model.ospiMap)
        #expect(Array(map.states.prefix(3)) == [.erased, .unreadable, .notRead])
        #expect(PageState.combined(map.states[0..<16]) == .unreadable)
        #expect(PageState.combined([map.states[0], map.states[2]]) == .notRead, "a partly read cell is not read")
        screen = App.view(model, size: model.size).lines.joined(separator: "\n")
        #expect(screen.contains("read 1/16384"), "\(screen)")
        #expect(screen.contains("? not read"), "\(screen)")
    }

    @Test func aBoardWhoseOctoSPIWindowDidNotAnswerSaysSoInsteadOfSectors() {
        var model = attachedModel()
        model.attached?.octoSPIAnswered = false
        _ = App.update(&model, .resize(model.size))
        let screen = App.view(model, size: model.size).lines.joined(separator: "\n")
        #expect(screen.contains("the OCTOSPI window did not answer when attaching"), "\(screen)")
        #expect(!screen.contains("16384 × 4 KiB"), "\(screen)")
    }

    @Test func aLostConnectionIsSaidAndStopsLiveOperations() {
        var model = attachedModel(live: true)
        AppHarness.update(&model, .attached(.lost("timed out waiting for the reply to m08001000,1000")))
        #expect(model.status?.isError == true && model.status?.text.contains("m08001000") == true)
        #expect(App.view(model, size: model.size).lines.joined().contains("connection lost"))
        #expect(AppHarness.send(&model, .char("R")) == [])
    }
}
