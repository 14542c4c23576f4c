import FlashCore
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// Golden screens of the whole app, at 80x24 and 200x60; check new ones by eye.
@Suite struct AppSnapshotTests {
    private func check(_ model: AppModel, _ name: String, size: Size, sourceLocation: SourceLocation = #_sourceLocation)
    {
        Snapshot.check(App.view(model, size: size), named: "app-\(name)-\(size)", sourceLocation: sourceLocation)
    }

    /// Programmed, partly programmed and write-protected pages in bank 1, data in bank 2.
    private func populated(size: Size) -> AppModel {
        var state = AppHarness.state(data: [
            (0, [UInt8](repeating: 0x20, count: 4096)),
            (0x1000, Array("FlashScope".utf8)),
            (0x40000, (0..<64).map { UInt8($0) }),
        ])
        state.effective[.wrp1ar] = 0xFF92_FF90
        state.pending[.wrp1ar] = 0xFF92_FF90
        return AppHarness.model(state, size: size)
    }

    @Test(arguments: [AppHarness.small, AppHarness.large])
    func factoryDeviceWithDBANK0Pending(size: Size) {
        var model = AppHarness.model(size: size)
        AppHarness.goTo(&model, "0x08040800")
        AppHarness.send(&model, .char("D"))
        check(model, "index-pending", size: size)
    }

    /// OCTOSPI sectors 1, 2, 17 and 300 programmed, the cursor on sector 17, zoomed in once.
    @Test(arguments: [AppHarness.small, AppHarness.large])
    func octoSPIMap(size: Size) {
        var model = AppHarness.model(OctoSPIAppTests.state(), size: size)
        AppHarness.goTo(&model, "0x90011000")
        AppHarness.send(&model, .char("+"), .escape)
        check(model, "ospi", size: size)
    }

    @Test(arguments: [AppHarness.small, AppHarness.large])
    func populatedPageMaps(size: Size) {
        check(populated(size: size), "populated", size: size)
    }

    @Test func hexViewWithAFileToCompare() throws {
        var model = populated(size: AppHarness.small)
        let image = try MemoryImage(segments: [.init(address: 0x0800_1000, bytes: Array("FlashSCOPE".utf8))])
        _ = AppHarness.update(&model, .imageLoaded(path: "fw.bin", image: image))
        AppHarness.send(&model, .char("n"), .tab)
        AppHarness.goTo(&model, "0x08001003")
        check(model, "hex", size: AppHarness.small)
    }

    @Test func optionBytesWithPendingChanges() {
        var model = AppHarness.model()
        AppHarness.send(&model, .char("D"), .char("S"), .tab, .tab)
        for _ in 0..<11 { AppHarness.send(&model, .down) }
        check(model, "options", size: AppHarness.small)
    }

    @Test func singleBankAfterLaunch() {
        // No write protection here: OPTSTRT refuses a DBANK change while a WRP area is active.
        var model = AppHarness.model(AppHarness.state(data: [(0, [UInt8](repeating: 0x20, count: 6000))]))
        AppHarness.goTo(&model, "0x08040800")
        AppHarness.send(&model, .char("D"), .char("L"), .char("y"))
        check(model, "single-bank", size: AppHarness.small)
    }

    @Test(arguments: [AppHarness.small, AppHarness.large])
    func stepModeAtTheStartWrite(size: Size) throws {
        var model = populated(size: size)
        AppHarness.send(&model, .char("t"), .char("E"), .char("y"))
        let session = try #require(model.stepping)
        let strt = try #require(
            session.replayer.entries.firstIndex {
                $0.access == .write && $0.value & (1 << 16) != 0 && $0.address == 0x4002_2028
            })
        for _ in 0...strt { AppHarness.send(&model, .char("n")) }
        check(model, "step", size: size)
    }

    /// Issue 18: the layouts between the old small and large ones and past them.
    static let layoutSizes = [
        Size(width: 100, height: 30), Size(width: 159, height: 40), Size(width: 200, height: 39),
        Size(width: 240, height: 70),
    ]

    /// The populated banks with OCTOSPI data, a file compared, a message, the cursor in bank 1.
    @Test(arguments: layoutSizes)
    func layouts(size: Size) throws {
        var model = populated(size: size)
        var state = model.machine.state
        state.ospi = OctoSPIAppTests.state().ospi
        model = AppHarness.model(state, size: size)
        let image = try MemoryImage(segments: [.init(address: 0x0800_1000, bytes: Array("FlashSCOPE".utf8))])
        _ = AppHarness.update(&model, .imageLoaded(path: "fw.bin", image: image))
        AppHarness.send(&model, .char("n"))
        AppHarness.goTo(&model, "0x08001003")
        check(model, "layout", size: size)
    }

    /// Stepping an erase at its STRT write, where the wider layouts give the step panel its rows.
    @Test(arguments: [Size(width: 159, height: 40), Size(width: 240, height: 70)])
    func steppingLayouts(size: Size) throws {
        var model = populated(size: size)
        AppHarness.send(&model, .char("t"), .char("E"), .char("y"))
        let session = try #require(model.stepping)
        let strt = try #require(
            session.replayer.entries.firstIndex {
                $0.access == .write && $0.value & (1 << 16) != 0 && $0.address == 0x4002_2028
            })
        for _ in 0...strt { AppHarness.send(&model, .char("n")) }
        check(model, "step-layout", size: size)
    }

    /// A confirmation whose plan destroys bytes outside the request: the warning and the second key.
    @Test func confirmationWithAWarning() {
        var state = AppHarness.state(data: [(0, [UInt8](repeating: 0x42, count: 16))])
        state.effective[OptionField.dbank] = 0
        state.pending[OptionField.dbank] = 0
        var model = AppHarness.model(state)
        while model.algorithm != "assume-dual-bank" { AppHarness.send(&model, .char("a")) }
        AppHarness.goTo(&model, "0x08040800")
        AppHarness.send(&model, .char("E"), .char("y"))
        check(model, "confirm-warning", size: AppHarness.small)
    }

    @Test func confirmation() {
        var model = populated(size: AppHarness.small)
        AppHarness.send(&model, .char("E"))
        check(model, "confirm", size: AppHarness.small)
    }

    @Test func prompt() {
        var model = AppHarness.model()
        AppHarness.send(&model, [.char("g")] + AppHarness.keys("0x1000000G") + [.enter])
        check(model, "prompt", size: AppHarness.small)
    }

    @Test(arguments: [AppHarness.small, AppHarness.large])
    func help(size: Size) {
        var model = AppHarness.model(size: size)
        AppHarness.send(&model, .char("?"))
        check(model, "help", size: size)
    }

    @Test func tooSmall() {
        check(AppHarness.model(), "too-small", size: Size(width: 60, height: 20))
    }

    @Test(arguments: [
        Size.zero, Size(width: 1, height: 1), Size(width: 79, height: 24), Size(width: 80, height: 23),
        Size(width: 3, height: 200),
    ])
    func tinyTerminalsNeverCrash(size: Size) {
        var model = AppHarness.model()
        _ = App.update(&model, .resize(size))
        AppHarness.send(
            &model, .char("?"), .escape, .tab, .down, .right, .char("E"), .char("y"), .char("t"),
            .char("E"), .char("y"), .char("n"))
        _ = App.update(&model, .mouse(MouseEvent(.click, x: 0, y: 0)))
        let screen = App.view(model, size: size)
        #expect(screen.size == size)
        if size.width >= 20 && size.height >= 2 { #expect(screen.lines.joined().contains("too small")) }
    }
}
