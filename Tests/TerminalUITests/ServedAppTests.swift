import FlashCore
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// Issue 15, item 5: `tui` with listener options follows the served client, holds it at each
/// flash-controller access when asked, and leaves changing the device to the client.
@Suite struct ServedAppTests {
    private func servedModel(size: Size = Size(width: 160, height: 50)) -> AppModel {
        AppModel(
            state: AppHarness.state(), deviceName: "served.fsdev", size: size,
            served: ServedView(listeners: ["remote-bitbang 127.0.0.1:5555"]))
    }

    /// The served chip after a client wrote the first key (stm32l5-flash.md §5: KEY1 0x45670123 to NSKEYR).
    private func snapshotAfterFirstKey(held: Bool) -> (DeviceState, ClientSnapshot) {
        let machine = Machine(state: AppHarness.state())
        machine.trace.debuggerPath = .jtagAccessPort
        machine.bus.write(Machine.flashControllerBase + 0x08, Machine.flashKeys.0)
        let snapshot = ClientSnapshot.capture(
            machine, accesses: 1, held: held, keys: ["NSKEYR": Machine.flashKeys.0], previous: [:])
        return (machine.state, snapshot)
    }

    @Test func tHoldsTheClientAndNLetsItMakeTheAccess() throws {
        var model = servedModel()
        #expect(AppHarness.send(&model, .char("t")) == [.holdClient(true)])
        #expect(model.served?.holding == true)
        let (state, snapshot) = snapshotAfterFirstKey(held: true)
        AppHarness.update(&model, .served(.changed(state, snapshot)))
        #expect(model.served?.isHeld == true)
        #expect(App.keyTable(for: model).action(for: .char("n")) == .stepClient, "n steps the client, not a search")
        #expect(
            model.status?.text.contains("client held after #1 write NSKEYR") == true,
            "\(String(describing: model.status))")
        #expect(AppHarness.send(&model, .char("n")) == [.releaseClient])
        #expect(model.served?.isHeld == false)
        #expect(model.served?.holding == true, "still holding: the next access is held too")
        // Nothing is held now: n says so instead of releasing anything.
        #expect(AppHarness.send(&model, .char(" ")) == [])
    }

    @Test func cLetsTheHeldClientRun() {
        var model = servedModel()
        AppHarness.send(&model, .char("t"))
        let (state, snapshot) = snapshotAfterFirstKey(held: true)
        AppHarness.update(&model, .served(.changed(state, snapshot)))
        #expect(AppHarness.send(&model, .char("c")) == [.holdClient(false)])
        #expect(model.served?.holding == false && model.served?.isHeld == false)
    }

    @Test func theMapsFollowTheServedChip() {
        var model = servedModel()
        var state = AppHarness.state()
        state.flash.replaceSubrange(0..<4, with: [0xDE, 0xAD, 0xBE, 0xEF])
        let (_, snapshot) = snapshotAfterFirstKey(held: false)
        AppHarness.update(&model, .served(.changed(state, snapshot)))
        #expect(Array(model.machine.controller.array.bytes[0..<4]) == [0xDE, 0xAD, 0xBE, 0xEF])
        // The file catching up with the served chip is no news, and never replaces it.
        AppHarness.update(&model, .deviceReloaded(AppHarness.state(), reason: .external))
        #expect(Array(model.machine.controller.array.bytes[0..<4]) == [0xDE, 0xAD, 0xBE, 0xEF])
    }

    @Test func keysThatChangeTheDeviceAreRefusedWhileServed() {
        var model = servedModel()
        for key in [Key.char("E"), .char("P"), .char("D"), .char("L"), .char("u"), .char("M")] {
            #expect(AppHarness.send(&model, key) == [], "\(key)")
            #expect(model.status?.isError == true && model.status?.text.contains("the device is served") == true)
            #expect(model.confirmation == nil && model.prompt == nil)
        }
    }

    @Test func clientsComingAndGoingAreShown() {
        var model = servedModel()
        AppHarness.update(&model, .served(.connected("remote-bitbang client 127.0.0.1:40000")))
        #expect(model.served?.clients == ["remote-bitbang client 127.0.0.1:40000"])
        AppHarness.update(&model, .served(.log("serve: core: cortex-m33 on Unicorn")))
        #expect(model.messages.contains { $0.text == "serve: core: cortex-m33 on Unicorn" })
        AppHarness.update(&model, .served(.left("remote-bitbang client 127.0.0.1:40000", reason: "quit")))
        #expect(model.served?.clients == [])
        #expect(model.status?.text == "remote-bitbang client 127.0.0.1:40000 left: quit")
    }

    /// The register panel shows the served registers, the last key written (key registers read as zero)
    /// and the access with the path it came by.
    @Test func thePanelShowsTheHeldAccessAndTheRegisters() {
        var model = servedModel()
        AppHarness.send(&model, .char("t"))
        let (state, snapshot) = snapshotAfterFirstKey(held: true)
        AppHarness.update(&model, .served(.changed(state, snapshot)))
        let screen = App.view(model, size: model.size).lines.joined(separator: "\n")
        #expect(screen.contains("SERVED · HELD"))
        #expect(screen.contains("HELD at this flash-controller access"))
        #expect(screen.contains("#1 write NSKEYR ← 0x45670123"))
        #expect(screen.contains("from JTAG/AP"))
        #expect(screen.contains("last key=0x45670123"))
        #expect(screen.contains("NSCR    0xC0000000"))
    }
}
