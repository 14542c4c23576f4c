import FlashCore
import Testing
import TerminalKit

@testable import TerminalUI

/// `d`: the loaded file beside the flash, only around what differs; `]`/`[` between the ranges.
@Suite struct DiffViewTests {
    /// Flash: 0x00..0x3F at 0x08000000. File: the same with byte 0x05 changed and 0x20 bytes more at
    /// 0x08000800 (never programmed there), so two ranges differ.
    static func loaded(size: Size = Size(width: 100, height: 30)) throws -> AppModel {
        var model = AppHarness.model(AppHarness.state(data: [(0, Array(0..<0x40))]), size: size)
        var bytes = [UInt8](0..<0x40)
        bytes[5] = 0xEE
        let image = try MemoryImage(segments: [
            .init(address: 0x0800_0000, bytes: bytes),
            .init(address: 0x0800_0800, bytes: [UInt8](repeating: 0x5A, count: 0x20)),
        ])
        AppHarness.update(&model, .imageLoaded(path: "app.hex", image: image))
        AppHarness.send(&model, .char("n"))
        return model
    }

    @Test func withoutAFileItSaysHowToLoadOne() {
        var model = AppHarness.model()
        AppHarness.send(&model, .char("d"))
        #expect(model.diffView == nil)
        #expect(model.status == StatusMessage("no file loaded to compare with: P reads one", isError: true))
    }

    @Test func theViewListsEachRangeAndMovesBetweenThem() throws {
        var model = try Self.loaded()
        AppHarness.send(&model, .char("d"))
        let view = try #require(model.diffView)
        #expect(
            view.ranges == [
                AddressRange(from: 0x0800_0005, to: 0x0800_0005), .init(from: 0x0800_0800, to: 0x0800_081F),
            ])
        #expect(view.top == 0)
        AppHarness.send(&model, .char("]"))
        // 100 columns: the box's inside is 94 wide, room for 8 bytes a row on each side.
        #expect(DiffView.bytesPerRow(width: 94) == 8)
        let lines = view.lines(bytesPerRow: 8)
        #expect(lines[model.diffView?.top ?? -1] == .heading(range: 1))
        AppHarness.send(&model, .char("["))
        #expect(model.diffView?.top == 0)
        AppHarness.send(&model, .char("]"), .enter)
        #expect(model.diffView == nil)
        #expect(model.cursor == 0x0800_0800, "Enter goes to the range's first byte")
        AppHarness.send(&model, .char("d"))
        #expect(
            model.diffView.map { $0.lines(bytesPerRow: 8)[$0.top] } == .heading(range: 1),
            "opens at the cursor's range")
        AppHarness.send(&model, .escape)
        #expect(model.diffView == nil)
        AppHarness.send(&model, .char("l"))
        #expect(model.cursor == 0x0800_1000, "keys move the maps again")
    }

    @Test func aMatchingFileOpensNoView() throws {
        var model = AppHarness.model(AppHarness.state(data: [(0, [1, 2])]))
        let image = try MemoryImage(segments: [.init(address: 0x0800_0000, bytes: [1, 2])])
        AppHarness.update(&model, .imageLoaded(path: "same.hex", image: image))
        AppHarness.send(&model, .char("n"), .char("d"))
        #expect(model.diffView == nil)
        #expect(model.status == StatusMessage("same.hex: the flash holds all 2 bytes"))
    }

    @Test func aLongRangeShowsItsFirstRowsAndCountsTheRest() {
        let view = DiffView(
            fileName: "big.bin", ranges: [AddressRange(from: 0x0800_0000, to: 0x0800_0FFF)], bytesCompared: 4096)
        let lines = view.lines(bytesPerRow: 16)
        #expect(lines.count == 1 + DiffView.rowsPerRange + 1)
        #expect(lines.last == .more(bytes: 4096 - DiffView.rowsPerRange * 16, range: 0))
    }

    @Test func golden() throws {
        var model = try Self.loaded()
        AppHarness.send(&model, .char("d"))
        Snapshot.check(App.view(model, size: model.size), named: "app-diff-100x30")
    }
}
