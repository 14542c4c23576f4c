import FlashCore
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// The OCTOSPI map in the update loop: moving onto it, zooming, erasing a sector.
@Suite struct OctoSPIAppTests {
    /// A STM32L562xE with data in OCTOSPI sectors 1, 2, 17 and 300.
    static func state() -> DeviceState {
        var state = AppHarness.state()
        var sectors: [UInt32: [UInt8]] = [:]
        for sector: UInt32 in [1, 2, 17, 300] {
            sectors[sector * 0x1000] = (0..<0x1000).map { UInt8(truncatingIfNeeded: $0 &+ Int(sector)) }
        }
        state.ospi = NORPersistentState(sectors: sectors)
        return state
    }

    @Test func mapMarksTheSectorsHoldingData() throws {
        let model = AppHarness.model(Self.state())
        let map = try #require(model.ospiMap)
        #expect(map.states.count == 16384)
        #expect(map.states.indices.filter { map.states[$0] == .programmed } == [1, 2, 17, 300])
    }

    @Test func cursorMovesOntoTheMapAndBack() throws {
        var model = AppHarness.model(Self.state())
        AppHarness.send(&model, .char("o"))
        #expect(model.cursor == 0x9000_0000)
        #expect(try #require(model.ospiLocation).sector == 0)
        AppHarness.send(&model, .char("o"))
        #expect(model.cursor == 0x0800_0000)
        // Past the last page of bank 2 lies the first sector; before it, the last page again.
        AppHarness.goTo(&model, "0x0807F800")
        AppHarness.send(&model, .right)
        #expect(model.cursor == 0x9000_0000)
        AppHarness.send(&model, .left)
        #expect(model.cursor == 0x0807_F800)
    }

    @Test func zoomChangesSectorsPerCell() {
        var model = AppHarness.model(Self.state())
        AppHarness.send(&model, .char("o"))
        let fit = App.ospiZoom(model)
        #expect(fit > 1)
        AppHarness.send(&model, .char("+"))
        #expect(App.ospiZoom(model) == fit / 2)
        AppHarness.send(&model, .char("+"), .char("+"))
        #expect(App.ospiZoom(model) == fit / 8)
        // A cell now stands for fit/8 sectors: right moves by that many.
        AppHarness.send(&model, .right)
        #expect(model.ospiLocation?.sector == fit / 8)
        AppHarness.send(&model, .char("-"), .char("-"), .char("-"), .char("-"))
        #expect(App.ospiZoom(model) == fit, "never more than the whole flash")
        #expect(model.status?.text == "OCTOSPI map: the whole flash is shown already")
    }

    @Test func zoomOneShowsASectorPerCell() {
        var model = AppHarness.model(Self.state(), size: AppHarness.large)
        AppHarness.goTo(&model, "0x90011000")
        for _ in 0..<20 { AppHarness.send(&model, .char("+")) }
        #expect(App.ospiZoom(model) == 1)
        let screen = App.view(model, size: AppHarness.large).lines.joined(separator: "\n")
        #expect(screen.contains("1 cell = 1 sector · ▸ 0x90011000–0x90011FFF · sector 17 · block 1"))
    }

    @Test func eraseAProgrammedSectorThroughTheEngine() throws {
        var model = AppHarness.model(Self.state())
        AppHarness.goTo(&model, "0x90011234")
        #expect(model.ospiMap?.states[17] == .programmed)
        AppHarness.send(&model, .char("E"))
        let question = try #require(model.confirmation?.question)
        #expect(question == "Erase OCTOSPI sector 17 at 0x90011000 (4 KiB)?")
        let effects = AppHarness.send(&model, .char("y"))
        let commit = try #require(AppHarness.saved(effects).first)
        #expect(commit.command == "flashscope tui: erase 0x90011000")
        #expect(commit.changes.ospiSectors == [0x11000])
        #expect(model.ospiMap?.states[17] == .erased)
        #expect(model.ospiMap?.states[1] == .programmed, "only the sector under the cursor")
        #expect(model.machine.state.ospi?.offsets == [0x1000, 0x2000, 0x12C000])
    }

    @Test func steppingAnOCTOSPIEraseShowsTheOCTOSPIRegisters() throws {
        var model = AppHarness.model(Self.state())
        AppHarness.goTo(&model, "0x90011234")
        AppHarness.send(&model, .char("t"), .char("E"), .char("y"))
        let session = try #require(model.stepping)
        #expect(session.registerNames.contains("OCTOSPI1_IR"))
        var instructions: [UInt32] = []
        var erasedAt: Int?
        for _ in 0..<session.total {
            AppHarness.send(&model, .char("n"))
            let current = try #require(model.stepping)
            let row = current.registerRows.first { $0.name == "IR" }
            if let access = current.currentAccess, access.register == "IR", access.access == "write" {
                #expect(row?.value == access.value, "the panel shows the instruction just written")
                instructions.append(access.value)
            }
            if erasedAt == nil, model.shownMachine.ospi?.flash.sectorContents(atOffset: 0x11000) == nil {
                erasedAt = current.position
            }
        }
        // The sector erase goes out as 21DE (DTR-OPI) after a write enable 06F9.
        #expect(instructions.contains(0x21DE))
        #expect(instructions.contains(0x06F9))
        #expect(erasedAt != nil)
    }

    @Test func searchReachesTheOCTOSPIFlash() {
        var state = AppHarness.state()
        var sector = [UInt8](repeating: 0x00, count: 0x1000)
        sector.replaceSubrange(0x123..<0x12D, with: Array("FLASHSCOPE".utf8))
        state.ospi = NORPersistentState(sectors: [0x5000: sector])
        var model = AppHarness.model(state)
        AppHarness.send(&model, [.char("/")] + AppHarness.keys("FLASHSCOPE") + [.enter])
        #expect(model.cursor == 0x9000_5123)
    }

    @Test func nextDifferenceReachesTheOCTOSPIFlash() throws {
        var model = AppHarness.model(Self.state())
        // A file that matches sector 1 except for one byte at 0x90001010.
        var bytes = (0..<0x1000).map { UInt8(truncatingIfNeeded: $0 &+ 1) }
        bytes[0x10] ^= 0xFF
        let file = LoadedFile(
            name: "ext.bin", image: try MemoryImage(segments: [.init(address: 0x9000_1000, bytes: bytes)]))
        _ = AppHarness.update(&model, .imageLoaded(path: "ext.bin", image: file.image))
        AppHarness.send(&model, .char("n"))  // keep the file for comparison, do not program it
        AppHarness.send(&model, .char("]"))
        #expect(model.cursor == 0x9000_1010)
    }

    @Test func hexViewAndIndexFollowTheCursor() {
        var model = AppHarness.model(Self.state(), size: AppHarness.large)
        AppHarness.goTo(&model, "0x90001010")
        let screen = App.view(model, size: AppHarness.large).lines.joined(separator: "\n")
        #expect(screen.contains("OCTOSPI sector 1 (block 0) · 0x90001000 · 4 KiB"))
        #expect(screen.contains("90001000  01 02 03 04"), "32 bytes a row at 200 columns")
        #expect(screen.contains(" 11 12 13 14 "))
        #expect(screen.contains("Page index: 0x90001010 (OCTOSPI)"))
        #expect(screen.contains("page in sector     0 of 16"))
        #expect(!screen.contains("PNB"), "the NOR flash has no PNB or BKER")
    }

    @Test func aLoadedFileMarksDifferingSectors() throws {
        var model = AppHarness.model(Self.state())
        let image = try MemoryImage(segments: [
            .init(address: 0x9000_1000, bytes: [0x01, 0x02]),
            .init(address: 0x9000_5000, bytes: [0xAA]),
        ])
        _ = AppHarness.update(&model, .imageLoaded(path: "ext.bin", image: image))
        AppHarness.send(&model, .char("n"))
        #expect(model.ospiMap?.states[1] == .programmed, "sector 1 starts with 01 02 already")
        #expect(model.ospiMap?.states[5] == .differs)
    }

    @Test func clickingAnOCTOSPICellSelectsItsFirstSector() throws {
        var model = AppHarness.model(Self.state(), size: AppHarness.large)
        let rect = try #require(App.ospiRect(model))
        let widget = try #require(App.ospiMapWidget(model, title: ""))
        let geometry = try #require(widget.geometry(in: rect))
        #expect(geometry.columns == 128)
        _ = App.update(&model, .mouse(MouseEvent(.click, x: geometry.x(ofColumn: 1), y: geometry.grid.y + 1)))
        let zoom = App.ospiZoom(model)
        #expect(model.ospiLocation?.sector == (128 + 1) * zoom, "row 1 (128 cells a row), column 1")
    }

    @Test func goToRefusesAddressesPastTheOCTOSPIFlash() {
        var model = AppHarness.model(Self.state())
        AppHarness.send(&model, [.char("g")] + AppHarness.keys("0x94000000") + [.enter])
        #expect(model.prompt?.state.error?.contains("past the end") == true)
    }
}
