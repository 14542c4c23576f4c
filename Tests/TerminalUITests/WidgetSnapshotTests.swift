import Testing

@testable import TerminalKit
@testable import TerminalUI

/// Golden screens: every widget at 80x24 and 200x60, lines plus style runs.
@Suite struct WidgetSnapshotTests {
    private func name(_ base: String, _ size: Size) -> String { "\(base)-\(size)" }

    @Test(arguments: snapshotSizes)
    func pageMap(size: Size) {
        let widget = PageMapWidget(title: "Bank 1: 128 pages of 2 KiB", states: Fixtures.pages128, cursor: 12)
        Snapshot.check(rendered(widget, size: size), named: name("page-map", size))
    }

    @Test(arguments: snapshotSizes)
    func pageMapZoomed(size: Size) {
        // 16384 sectors of a 64 MiB NOR flash: too many for one cell each.
        let states: [PageState] = (0..<16384).map { $0 < 1000 ? .programmed : ($0 == 5000 ? .differs : .erased) }
        let widget = PageMapWidget(title: "OCTOSPI: 16384 sectors", states: states, unitName: "sector", cursor: 0)
        Snapshot.check(rendered(widget, size: size), named: name("page-map-zoomed", size))
    }

    @Test(arguments: snapshotSizes)
    func hexView(size: Size) {
        let widget = HexViewWidget(
            title: "0x08000000", bytes: Fixtures.hexBytes, baseAddress: 0x0800_0000,
            cursor: 0x41, changed: [0x42, 0x43])
        Snapshot.check(rendered(widget, size: size), named: name("hex-view", size))
    }

    @Test func hexViewNarrowFallsBackToEightBytes() {
        let widget = HexViewWidget(title: "narrow", bytes: Array(0..<40), baseAddress: 0x0C00_0000)
        Snapshot.check(rendered(widget, size: Size(width: 50, height: 8)), named: "hex-view-50x8")
    }

    @Test(arguments: snapshotSizes)
    func keyBar(size: Size) {
        var buffer = ScreenBuffer(size: size)
        KeyBarWidget(table: Fixtures.keyTable).render(in: buffer.area.row(size.height - 1), into: &buffer)
        Snapshot.check(buffer, named: name("key-bar", size))
    }

    @Test(arguments: snapshotSizes)
    func helpOverlay(size: Size) {
        Snapshot.check(
            rendered(HelpOverlayWidget(table: Fixtures.keyTable), size: size), named: name("help-overlay", size))
    }

    @Test(arguments: snapshotSizes)
    func prompt(size: Size) {
        var buffer = ScreenBuffer(size: size)
        var state = PromptState(label: "Go to", text: "0x08", candidates: ["0x08000000", "0x08040000", "0x0C000000"])
        state.complete()
        PromptWidget(state: state).render(
            in: Rect(x: 0, y: size.height - 3, width: size.width, height: 2), into: &buffer)
        let failed = PromptState(label: "Go to", text: "0x1000000G", error: "not a number: 0x1000000G")
        PromptWidget(state: failed).render(in: Rect(x: 0, y: 1, width: size.width, height: 2), into: &buffer)
        Snapshot.check(buffer, named: name("prompt", size))
    }

    @Test(arguments: snapshotSizes)
    func confirm(size: Size) {
        let widget = ConfirmWidget(
            question: "Erase bank 2 (128 pages)?",
            details: ["0x08040000 to 0x0807FFFF", "Pages 16 to 23 are write-protected and stay."])
        Snapshot.check(rendered(widget, size: size), named: name("confirm", size))
    }

    @Test(arguments: snapshotSizes)
    func registerPanel(size: Size) {
        var buffer = ScreenBuffer(size: size)
        let area = Rect(x: 0, y: 0, width: min(size.width, 60), height: 8)
        RegisterPanelWidget(title: "FLASH", rows: Fixtures.registers).render(in: area, into: &buffer)
        Snapshot.check(buffer, named: name("register-panel", size))
    }

    @Test(arguments: snapshotSizes)
    func optionBytesPanel(size: Size) {
        var buffer = ScreenBuffer(size: size)
        let area = Rect(x: 0, y: 0, width: min(size.width, 44), height: 10)
        OptionBytesPanelWidget(rows: Fixtures.optionRows).render(in: area, into: &buffer)
        Snapshot.check(buffer, named: name("option-bytes-panel", size))
    }

    @Test func tooSmall() {
        Snapshot.check(
            rendered(TooSmallWidget(required: Size(width: 80, height: 24)), size: Size(width: 40, height: 10)),
            named: "too-small-40x10")
    }

    /// A whole screen laid out as the app will: map and hex side by side,
    /// registers under them, key bar at the bottom.
    @Test(arguments: snapshotSizes)
    func composedScreen(size: Size) {
        var buffer = ScreenBuffer(size: size)
        let rows = buffer.area.split(.vertical, [.fill(), .fixed(8), .fixed(1)])
        let top = rows[0].split(.horizontal, [.percentage(40), .fill()])
        PageMapWidget(title: "Bank 1", states: Fixtures.pages128, cursor: 3).render(in: top[0], into: &buffer)
        HexViewWidget(title: "0x08001800", bytes: Fixtures.hexBytes, baseAddress: 0x0800_1800).render(
            in: top[1], into: &buffer)
        RegisterPanelWidget(title: "FLASH", rows: Fixtures.registers).render(in: rows[1], into: &buffer)
        KeyBarWidget(table: Fixtures.keyTable).render(in: rows[2], into: &buffer)
        Snapshot.check(buffer, named: name("screen", size))
    }
}
