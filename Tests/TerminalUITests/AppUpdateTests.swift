import FlashCore
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// The update loop driven by key sequences, asserting the model and the effects.
@Suite struct AppUpdateTests {
    @Test func cursorStartsOnTheFirstPage() {
        let model = AppHarness.model()
        #expect(model.cursor == 0x0800_0000)
        #expect(model.cursorLocation?.pnb == 0)
        #expect(model.focus == .pages)
    }

    @Test func pageIndexFollowsTheCursorAndPendingDBANK() throws {
        var model = AppHarness.model()
        AppHarness.goTo(&model, "0x08040800")
        var report = try #require(model.pageIndex)
        #expect(report.now.location?.pnb == 1)
        #expect(report.now.location?.bker == 1)
        #expect(report.afterLaunch.location?.pnb == 1, "nothing pending yet")

        let effects = AppHarness.send(&model, .char("D"))
        let commit = try #require(AppHarness.saved(effects).first)
        #expect(commit.result.kind == .optionBytes)
        #expect(commit.after.pending.dualBankBit == false)
        #expect(commit.after.effective.dualBankBit == true, "D stages DBANK, it does not launch")
        report = try #require(model.pageIndex)
        // Reference table: 0x0804_0800 is PNB 1 BKER 1 in dual-bank mode, PNB 64 BKER 0 in single-bank mode.
        #expect(report.now.location?.pnb == 1 && report.now.location?.bker == 1)
        #expect(report.afterLaunch.location?.pnb == 64 && report.afterLaunch.location?.bker == 0)
        #expect(report.afterLaunch.location?.pageSize == 4096)
        let singleBank = try #require(report.afterLaunch.algorithms.first { $0.name == "assume-dual-bank" })
        #expect(singleBank.pnb == 1 && singleBank.bker == 1)
        #expect(singleBank.missesAddress, "a dual-bank algorithm erases page 1 (0x08001000) in single-bank mode")
    }

    @Test func launchingDBANK0RemovesTheBank2Grid() throws {
        var model = AppHarness.model()
        #expect(AppLayout.make(for: model)?.maps.count == 2)
        AppHarness.send(&model, .char("D"))
        #expect(AppLayout.make(for: model)?.maps.count == 2, "still dual-bank until the launch")
        #expect(AppHarness.send(&model, .char("L")).isEmpty, "L asks first")
        #expect(model.confirmation?.operation == .launch)
        let effects = AppHarness.send(&model, .char("y"))
        #expect(AppHarness.saved(effects).first?.result.kind == .launch)
        #expect(model.machine.layout.dualBank == false)
        #expect(AppLayout.make(for: model)?.maps.count == 1)
        #expect(
            App.view(model, size: AppHarness.small).lines.contains { $0.contains("Flash · 0x08000000 · 128 × 4 KiB") })
    }

    @Test func launchCanBeCancelled() {
        var model = AppHarness.model()
        AppHarness.send(&model, .char("D"))
        for cancel in [Key.char("n"), .escape] {
            AppHarness.send(&model, .char("L"))
            #expect(AppHarness.send(&model, cancel).isEmpty)
            #expect(model.confirmation == nil)
            #expect(model.machine.layout.dualBank)
        }
    }

    @Test func stepModeShowsTheKeysAndErasesAtTheStartWrite() throws {
        // Page 0 holds data, so the map shows it programmed until the erase.
        var model = AppHarness.model(AppHarness.state(data: [(0, [UInt8](repeating: 0x42, count: 2048))]))
        let before = model.machine.state
        AppHarness.send(&model, .char("t"), .char("E"))
        #expect(AppHarness.send(&model, .char("y")).isEmpty, "a stepped operation is not saved yet")
        let session = try #require(model.stepping)
        #expect(session.position == 0)

        var keys: [UInt32] = []
        var erasedAt: Int?
        var strtAt: Int?
        for _ in 0..<session.total {
            AppHarness.send(&model, .char("n"))
            let current = try #require(model.stepping)
            let access = try #require(current.currentAccess)
            if access.register == "NSKEYR", access.access == "write" {
                keys.append(access.value)
                #expect(current.registerRows.first?.value == access.value, "the panel shows the key just written")
            }
            if access.register == "NSCR", access.access == "write", access.value & (1 << 16) != 0, strtAt == nil {
                strtAt = current.position
            }
            let page0 = FlashPageStates.states(of: model.shownMachine, bank: 1, file: nil)[0]
            if page0 == .erased, erasedAt == nil { erasedAt = current.position }
        }
        #expect(keys == [0x4567_0123, 0xCDEF_89AB])
        #expect(erasedAt != nil && erasedAt == strtAt, "the map changes exactly at the STRT write")
        #expect(model.machine.state == before, "the device is untouched while stepping")

        let effects = AppHarness.send(&model, .char("c"))
        let commit = try #require(AppHarness.saved(effects).first)
        #expect(model.stepping == nil)
        #expect(commit.before == before)
        #expect(commit.after.flash[0] == 0xFF)
        #expect(model.machine.state == commit.after)
    }

    /// `t` says "the next operation is stepped": once that one is committed, the next runs whole
    /// (the README's UI tour relies on it: `u`, `L`, `y` after a stepped erase re-lays the maps).
    @Test func stepModeIsOneShot() throws {
        var model = AppHarness.model()
        AppHarness.send(&model, .char("t"))
        #expect(model.stepArmed)
        AppHarness.send(&model, .char("E"), .char("y"))
        #expect(model.stepping != nil)
        #expect(!model.stepArmed, "the stepped operation disarmed step mode")
        #expect(!AppHarness.saved(AppHarness.send(&model, .char("c"))).isEmpty)
        let effects = AppHarness.send(&model, .char("E"), .char("y"))
        #expect(model.stepping == nil, "the second erase was not stepped")
        #expect(AppHarness.saved(effects).count == 1, "it was committed at once")
    }

    @Test func steppingBackShowsTheEarlierAccess() throws {
        var model = AppHarness.model()
        AppHarness.send(&model, .char("t"), .char("E"), .char("y"), .char("n"), .char("n"), .char("n"))
        let third = try #require(model.stepping?.currentAccess)
        AppHarness.send(&model, .char("n"), .char("b"))
        #expect(model.stepping?.position == 3)
        #expect(model.stepping?.currentAccess == third)
    }

    @Test func abandoningLeavesTheDeviceUnchanged() {
        var model = AppHarness.model(AppHarness.state(data: [(0, [1, 2, 3, 4, 5, 6, 7, 8])]))
        let before = model.machine.state
        var effects = AppHarness.send(&model, .char("t"), .char("E"), .char("y"))
        for _ in 0..<20 { effects += AppHarness.send(&model, .char("n")) }
        effects += AppHarness.send(&model, .char("x"))
        #expect(effects.isEmpty)
        #expect(model.stepping == nil)
        #expect(model.machine.state == before)
        #expect(model.shownMachine.controller.array.bytes[0] == 1)
    }

    @Test func undoAsksTheStoreAndShowsWhatItRestored() {
        var model = AppHarness.model()
        let before = model.machine.state
        AppHarness.send(&model, .char("E"), .char("y"))
        let effects = AppHarness.send(&model, .char("u"))
        #expect(effects == [.undo])
        _ = App.update(&model, .deviceReloaded(before, reason: .undone([1])))
        #expect(model.machine.state == before)
        #expect(model.status?.text == "undid operation 1; r redoes it")
    }

    @Test func lowerCaseKeysNeverChangeTheDevice() {
        let lower = AppKeys.normal.bindings.flatMap(\.keys).filter {
            if case .char(let c) = $0 { return c.isLowercase && c != "u" && c != "q" }
            return false
        }
        for key in lower {
            var model = AppHarness.model()
            let before = model.machine.state
            let effects = AppHarness.send(&model, key)
            #expect(AppHarness.saved(effects).isEmpty, "\(key) saved something")
            #expect(model.machine.state == before, "\(key) changed the device")
        }
    }

    @Test func escapeClosesOverlaysAndPrompts() {
        var model = AppHarness.model()
        AppHarness.send(&model, .char("?"))
        #expect(model.helpTop == 0)
        AppHarness.send(&model, .escape)
        #expect(model.helpTop == nil)
        AppHarness.send(&model, .char("g"), .char("1"))
        #expect(model.prompt != nil)
        AppHarness.send(&model, .escape)
        #expect(model.prompt == nil)
        AppHarness.send(&model, .char("M"))
        #expect(model.confirmation != nil)
        AppHarness.send(&model, .escape)
        #expect(model.confirmation == nil)
    }

    @Test func tabCyclesThePanes() {
        var model = AppHarness.model()
        var seen: [AppModel.Pane] = []
        for _ in 0..<4 {
            seen.append(model.focus)
            AppHarness.send(&model, .tab)
        }
        #expect(seen == [.pages, .hex, .options, .index])
        #expect(model.focus == .pages)
        AppHarness.send(&model, .backTab)
        #expect(model.focus == .index)
    }

    @Test func arrowsAndHJKLMoveByPageOnTheMap() {
        var model = AppHarness.model()
        AppHarness.send(&model, .right, .char("l"))
        #expect(model.cursor == 0x0800_1000)
        AppHarness.send(&model, .char("h"))
        #expect(model.cursor == 0x0800_0800)
        AppHarness.send(&model, .char("j"))
        #expect(model.cursor == 0x0800_0800 + 64 * 2048, "a map row is 64 pages at 80 columns")
        AppHarness.send(&model, .down)
        #expect(model.cursorLocation?.bank == 2)
        AppHarness.send(&model, .up, .char("k"), .char("k"), .left, .left)
        #expect(model.cursor == 0x0800_0000, "stops at the first page")
    }

    @Test func hexFocusMovesByByte() {
        var model = AppHarness.model()
        AppHarness.send(&model, .tab, .right, .down)
        #expect(model.cursor == 0x0800_0011)
    }

    @Test func searchFindsBytesAndText() {
        let text = Array("hello".utf8)
        var model = AppHarness.model(
            AppHarness.state(data: [(0x1234, [0xDE, 0xAD, 0xBE, 0xEF]), (0x40010, text), (0x50000, text)]))
        AppHarness.send(&model, [.char("/")] + AppHarness.keys("de ad be") + [.enter])
        #expect(model.cursor == 0x0800_1234)
        AppHarness.send(&model, [.char("/")] + AppHarness.keys("hello") + [.enter])
        #expect(model.cursor == 0x0804_0010)
        AppHarness.send(&model, .char("n"))
        #expect(model.cursor == 0x0805_0000)
        AppHarness.send(&model, .char("N"))
        #expect(model.cursor == 0x0804_0010)
    }

    @Test func programAsksForAFileThenAnAddressThenConfirms() throws {
        var model = AppHarness.model()
        AppHarness.send(&model, .char("P"))
        AppHarness.send(&model, AppHarness.keys("fw"))
        #expect(AppHarness.send(&model, .tab) == [.listDirectory(prefix: "fw")])
        _ = App.update(&model, .directoryListed(prefix: "fw", entries: ["fw/", "fw.bin"]))
        #expect(model.prompt?.state.text == "fw", "two candidates: nothing to add")
        _ = App.update(&model, .directoryListed(prefix: "fw", entries: ["fw.bin"]))
        #expect(model.prompt?.state.text == "fw.bin")
        #expect(AppHarness.send(&model, .enter) == [.inspectFile(path: "fw.bin")], "the file is checked first")
        _ = App.update(&model, .fileInspected(path: "fw.bin", isBinary: true))
        #expect(model.prompt?.state.text == "0x08000000", "the address defaults to the cursor's page")
        AppHarness.send(&model, [.ctrl("u")] + AppHarness.keys("0x08000800"))
        #expect(AppHarness.send(&model, .enter) == [.loadImage(path: "fw.bin", address: 0x0800_0800)])

        let image = try MemoryImage(segments: [.init(address: 0x0800_0800, bytes: [1, 2, 3, 4, 5, 6, 7, 8])])
        _ = AppHarness.update(&model, .imageLoaded(path: "fw.bin", image: image))
        #expect(model.confirmation?.details.first == "erases PNB 1 BKER 0: 0x08000800–0x08000FFF")
        #expect(FlashPageStates.states(of: model.machine, bank: 1, file: image)[1] == .differs)
        let commit = try #require(AppHarness.saved(AppHarness.send(&model, .char("y"))).first)
        #expect(commit.result.kind == .program)
        #expect(model.machine.controller.array.bytes[0x800..<0x808] == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(FlashPageStates.states(of: model.machine, bank: 1, file: image)[1] == .partlyProgrammed)
    }

    @Test func differencesAgainstTheLoadedFile() throws {
        var model = AppHarness.model(AppHarness.state(data: [(0x100, [9, 9])]))
        let image = try MemoryImage(segments: [
            .init(address: 0x0800_0100, bytes: [9, 9, 7]), .init(address: 0x0804_0000, bytes: [1]),
        ])
        _ = AppHarness.update(&model, .imageLoaded(path: "f.bin", image: image))
        AppHarness.send(&model, .char("n"))
        AppHarness.send(&model, .char("]"))
        #expect(model.cursor == 0x0800_0102)
        AppHarness.send(&model, .char("]"))
        #expect(model.cursor == 0x0804_0000)
        AppHarness.send(&model, .char("["))
        #expect(model.cursor == 0x0800_0102)
    }

    @Test func editingAnOptionFieldRunsTheOptionSequence() throws {
        var model = AppHarness.model()
        AppHarness.send(&model, .tab, .tab)
        #expect(model.focus == .options)
        let row = try #require(App.optionFields.firstIndex { $0.name == "WRP1A_PSTRT" })
        for _ in 0..<row { AppHarness.send(&model, .down) }
        AppHarness.send(&model, .enter)
        #expect(model.prompt?.purpose == .editOption(field: "WRP1A_PSTRT"))
        AppHarness.send(&model, [.ctrl("u")] + AppHarness.keys("200") + [.enter])
        #expect(
            model.prompt?.state.error
                == "WRP1A_PSTRT=200 does not fit: the field holds 0 to 127, or takes a flash address for the page "
                + "holding it",
            "rejected, prompt stays")
        let effects = AppHarness.send(&model, [.ctrl("u")] + AppHarness.keys("0x10") + [.enter])
        let commit = try #require(AppHarness.saved(effects).first)
        #expect(commit.after.pending.value(of: "WRP1A_PSTRT") == 0x10)
        #expect(model.prompt == nil)
    }

    @Test func clickingAMapCellSelectsThePage() throws {
        var model = AppHarness.model()
        let layout = try #require(AppLayout.make(for: model))
        let geometry = try #require(AppLayout.mapGeometry(pages: 128, in: layout.maps[1]))
        // Bank 2, row 1, column 3: page 67.
        _ = App.update(&model, .mouse(MouseEvent(.click, x: geometry.x(ofColumn: 3), y: geometry.grid.y + 1)))
        #expect(model.cursor == 0x0804_0000 + 67 * 2048)
    }

    @Test func writeProtectedPagesShowOnTheMap() {
        var state = AppHarness.state()
        state.effective[.wrp1ar] = 0xFF92_FF90  // pages 0x10 to 0x12 of bank 1
        let states = FlashPageStates.states(of: Machine(state: state), bank: 1, file: nil)
        #expect(states[0x10...0x12].allSatisfy { $0 == .writeProtected })
        #expect(states[0x13] == .erased)
    }

    @Test func quitEndsTheLoop() {
        var model = AppHarness.model()
        #expect(AppHarness.send(&model, .char("q")) == [.quit])
        #expect(model.quitRequested)
    }
}
