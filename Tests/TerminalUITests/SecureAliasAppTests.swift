import FlashCore
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// A file addressed in the secure alias, programmed from the UI: the same pages as its twin, or a refusal.
@Suite struct SecureAliasAppTests {
    private let hello = LoadedFile(
        name: "s.bin",
        image: (try? MemoryImage(segments: [.init(address: 0x0C00_0100, bytes: Array("HELLO".utf8))])) ?? MemoryImage())

    @Test func underMirrorTheConfirmationAndTheResultNameTheTwinPage() throws {
        var state = AppHarness.state()
        state.assumptions.secureAliasWithoutTrustZone = .mirror
        var model = AppHarness.model(state)
        AppHarness.update(&model, .imageLoaded(path: hello.name, image: hello.image))
        #expect(model.confirmation?.details.first == "erases PNB 0 BKER 0: 0x08000000–0x080007FF")
        #expect(model.confirmation?.details.contains("programs 5 bytes of the image") == true)
        let commit = try #require(AppHarness.saved(AppHarness.send(&model, .char("y"))).first)
        #expect(commit.result.erased.map(\.pageAddress) == [0x0800_0000])
        #expect(Array(commit.after.flash[0x100..<0x105]) == Array("HELLO".utf8))
        #expect(commit.after.flash[0x800] == 0xFF, "the next page is untouched")
    }

    @Test func withTrustZoneOffByDefaultNothingIsWritten() {
        var model = AppHarness.model()
        AppHarness.update(&model, .imageLoaded(path: hello.name, image: hello.image))
        // The plan could not run: the confirmation says why as a warning and takes a second y.
        #expect(model.confirmation?.warnings.first?.contains("no plan") == true)
        AppHarness.send(&model, .char("y"))
        #expect(model.confirmation?.armed == true)
        let effects = AppHarness.send(&model, .char("y"))
        #expect(AppHarness.saved(effects).isEmpty)
        #expect(model.status?.isError == true)
        #expect(model.status?.text.contains("secure alias") == true)
        #expect(model.machine.controller.array.bytes[0x100] == 0xFF)
    }
}
