import FlashCore
import Testing
import TerminalKit

@testable import TerminalUI

/// `w` saves what a user points at, as `flashscope read ADDRESS COUNT -o FILE` would; `v` verifies the
/// loaded file as `flashscope verify` does, one line per run of bytes with one cause.
@Suite struct SaveVerifyTests {
    private func savedImage(_ effects: [AppEffect]) -> (path: String, image: MemoryImage, replacing: Bool)? {
        for effect in effects {
            if case .saveFile(let path, let image, let replacing) = effect { return (path, image, replacing) }
        }
        return nil
    }

    @Test func wSavesTheCursorsPageByDefault() throws {
        var model = AppHarness.model(AppHarness.state(data: [(2048, [1, 2, 3])]))
        AppHarness.send(&model, .char("l"), .char("w"))
        #expect(model.prompt?.purpose == .saveRange)
        #expect(model.prompt?.state.text == "0x08000800-0x08000FFF", "page 1, offered to edit")
        AppHarness.send(&model, .enter)
        #expect(model.prompt?.purpose == .saveFile(start: 0x0800_0800, count: 2048, replacing: nil))
        let effects = AppHarness.send(&model, AppHarness.keys("page1.bin") + [.enter])
        let save = try #require(savedImage(effects))
        #expect(save.path == "page1.bin")
        #expect(!save.replacing)
        #expect(save.image.segments.map(\.address) == [0x0800_0800])
        #expect(save.image.byteCount == 2048, "erased bytes too: the file is the page")
        #expect(save.image.byte(at: 0x0800_0800) == 1)
        #expect(save.image.byte(at: 0x0800_0803) == 0xFF)
        _ = App.update(&model, .fileSaved(path: "/home/u/page1.bin", bytes: 2048, format: "binary"))
        #expect(model.status?.text == "saved 2048 bytes 0x08000800–0x08000FFF to /home/u/page1.bin (binary)")
        #expect(model.messages.last?.text.contains("/home/u/page1.bin") == true, "the log viewer names the file")
    }

    @Test func aTypedRangeAcrossTheBanks() throws {
        var model = AppHarness.model()
        AppHarness.send(&model, [.char("w"), .ctrl("u")] + AppHarness.keys("0x0803FFF0+0x20") + [.enter])
        #expect(model.prompt?.purpose == .saveFile(start: 0x0803_FFF0, count: 32, replacing: nil))
        let effects = AppHarness.send(&model, AppHarness.keys("x.hex") + [.enter])
        #expect(try #require(savedImage(effects)).image.byteCount == 32)
    }

    @Test(arguments: [
        ("0x08000000", "a range: START-END or START+LENGTH"),
        ("0x08000800-0x08000000", "a range: START-END or START+LENGTH"),
        ("0x0807FF00-0x90000010", "runs from one flash into another"),
        ("0x08000000+0x100000", "0x080FFFFF"),
    ])
    func badRangesAreRefusedInThePrompt(typed: String, error: String) {
        var model = AppHarness.model()
        AppHarness.send(&model, [.char("w"), .ctrl("u")] + AppHarness.keys(typed) + [.enter])
        #expect(model.prompt?.purpose == .saveRange, "the prompt stays open")
        #expect(model.prompt?.state.error?.contains(error) == true, "\(model.prompt?.state.error ?? "no error")")
    }

    @Test func aFileThatIsThereIsReplacedOnlyOnASecondEnter() throws {
        var model = AppHarness.model()
        AppHarness.send(&model, .char("w"), .enter)
        AppHarness.send(&model, AppHarness.keys("old.bin") + [.enter])
        _ = App.update(&model, .fileNotSaved(typed: "old.bin", reason: "/w/old.bin exists", exists: true))
        #expect(model.prompt?.purpose == .saveFile(start: 0x0800_0000, count: 2048, replacing: "old.bin"))
        #expect(model.prompt?.state.error == "/w/old.bin exists: Enter replaces it, or type another name")
        let effects = AppHarness.send(&model, .enter)
        #expect(try #require(savedImage(effects)).replacing)
    }

    @Test func renamingAfterTheExistsWarningDoesNotReplace() throws {
        var model = AppHarness.model()
        AppHarness.send(&model, .char("w"), .enter)
        AppHarness.send(&model, AppHarness.keys("old.bin") + [.enter])
        _ = App.update(&model, .fileNotSaved(typed: "old.bin", reason: "/w/old.bin exists", exists: true))
        let effects = AppHarness.send(&model, [.ctrl("u")] + AppHarness.keys("new.bin") + [.enter])
        #expect(try #require(savedImage(effects)).replacing == false)
    }

    @Test func verifyWithoutALoadedFileSaysHowToLoadOne() {
        var model = AppHarness.model()
        AppHarness.send(&model, .char("v"))
        #expect(model.status?.isError == true)
        #expect(model.status?.text.hasPrefix("no file loaded to verify: P reads one") == true)
    }

    @Test func verifyGroupsTheDifferencesByRangeAndCause() throws {
        // The flash holds page 0 with a byte short of ones (programming that missed bits) and nothing
        // from 0x08000100 on; the file wants 0x100 bytes of 0x00 at 0x08000000 and 0x10 at 0x08000100.
        var flash = [UInt8](repeating: 0x00, count: 0x100)
        flash[0x10] = 0x01
        var model = AppHarness.model(AppHarness.state(data: [(0, flash)]))
        let image = try MemoryImage(segments: [
            .init(
                address: 0x0800_0000, bytes: [UInt8](repeating: 0, count: 0x100) + [UInt8](repeating: 0x5A, count: 0x10)
            )
        ])
        AppHarness.update(&model, .imageLoaded(path: "app.hex", image: image))
        AppHarness.send(&model, .char("n"))
        #expect(model.confirmation == nil && model.loadedFile?.name == "app.hex", "n keeps the file loaded")
        AppHarness.send(&model, .char("v"))
        #expect(
            model.status?.text
                == "app.hex: 17 of 272 bytes differ in 2 ranges (each in the messages; ] goes to the next)")
        let lines = model.messages.suffix(2).map(\.text)
        #expect(lines[0].hasPrefix("  0x08000010: file 0x00, flash 0x01 — flash holds 1 where the file wants 0"))
        #expect(
            lines[1].hasPrefix(
                "  0x08000100–0x0800010F (16 bytes): file 0x5A, flash 0xFF at the first — flash is erased"))
        #expect(model.cursor == 0x0800_0010, "to the first difference")
    }

    @Test func verifyOfAMatchingFileSaysSo() throws {
        var model = AppHarness.model(AppHarness.state(data: [(0, [1, 2, 3, 4])]))
        let image = try MemoryImage(segments: [.init(address: 0x0800_0000, bytes: [1, 2, 3, 4])])
        AppHarness.update(&model, .imageLoaded(path: "same.hex", image: image))
        AppHarness.send(&model, .char("n"), .char("v"))
        #expect(model.status == StatusMessage("same.hex: the flash holds all 4 bytes"))
    }
}
