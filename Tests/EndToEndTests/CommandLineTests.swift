import Foundation
import Testing

@Suite(.serialized) struct CommandLineTests {
    @Test func locateJSONKeys() throws {
        let cli = try CommandRunner()
        let output = try cli.run(["locate", "0x08040800", "--json"])
        #expect(output.status == 0)
        let object = try output.object()
        #expect(object["address"] as? String == "0x08040800")
        #expect(object["region"] as? String == "flash")
        #expect(object["bank"] as? Int == 2)
        #expect(object["physicalBank"] as? Int == 2)
        #expect(object["pnb"] as? Int == 1)
        #expect(object["bker"] as? Int == 1)
        #expect(object["pageSize"] as? Int == 2048)
        #expect(object["pageAddress"] as? String == "0x08040800")
    }

    @Test func locateOverridesNeedNoDeviceFile() throws {
        let cli = try CommandRunner()
        let output = try cli.run(["locate", "0x08040800", "--dbank", "1", "--swap-bank", "1", "--json"])
        #expect(try output.object()["bker"] as? Int == 0)
        #expect(try output.object()["bank"] as? Int == 2)
        let single = try cli.run(["locate", "0x08040800", "--dbank", "0", "--json"])
        #expect(try single.object()["pnb"] as? Int == 64)
        let small = try cli.run(["locate", "0x0803F800", "--part", "STM32L552xC", "--dbank", "1", "--json"])
        #expect(try small.object()["pnb"] as? Int == 63)
        #expect(!FileManager.default.fileExists(atPath: cli.device), "locate creates no device file")
    }

    @Test func locateOutsideFlashIsAnError() throws {
        let cli = try CommandRunner()
        let output = try cli.run(["locate", "0x08080000"])
        #expect(output.status == 65)
        #expect(output.stderr.hasPrefix("flashscope: 0x08080000: past the end"))
        #expect(output.stderr.split(separator: "\n").count == 1)
    }

    @Test func numbersAcceptHexDecimalAndSuffixes() throws {
        let cli = try CommandRunner()
        for text in ["0x08000800", "134219776", "131074K"] {
            let output = try cli.run(["locate", text, "--json"])
            #expect(try output.object()["address"] as? String == "0x08000800", "\(text)")
        }
    }

    @Test func optionBytesJSON() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        #expect(try cli.run(["ob", "set", "SWAP_BANK=1"]).status == 0)
        let object = try cli.run(["ob", "--json"]).object()
        let effective = object["effective"] as? [String: Any] ?? [:]
        let pending = object["pending"] as? [String: Any] ?? [:]
        #expect(effective["OPTR"] as? String == "0x7FEFF8AA")
        #expect(pending["OPTR"] as? String == "0x7FFFF8AA")
        #expect((effective["fields"] as? [String: Int])?["DBANK"] == 1)
        #expect((effective["fields"] as? [String: Int])?["SWAP_BANK"] == 0)
        #expect((pending["fields"] as? [String: Int])?["SWAP_BANK"] == 1)
        #expect(effective["WRP1AR"] as? String == "0xFF80FFFF")
        // Before OBL_LAUNCH the layout is unchanged; after it, bank 2 is at 0x0800_0000.
        #expect(try cli.run(["locate", "0x08000000", "--json"]).object()["physicalBank"] as? Int == 1)
        #expect(try cli.run(["ob", "launch", "--json"]).object()["status"] as? String == "ok")
        #expect(try cli.run(["locate", "0x08000000", "--json"]).object()["physicalBank"] as? Int == 2)
    }

    @Test func traceListsEveryAccess() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        try cli.run(["erase", "0x08000800"])
        let entries = try cli.run(["trace", "--json"]).json() as? [[String: Any]] ?? []
        #expect(entries.count > 5)
        let keys = Set(entries.first?.keys.map { $0 } ?? [])
        #expect(keys.isSuperset(of: ["seq", "access", "address", "register", "value", "note"]))
        let unlock = entries.filter { $0["register"] as? String == "NSKEYR" }.compactMap { $0["value"] as? String }
        #expect(unlock == ["0x45670123", "0xCDEF89AB"])
        #expect(entries.contains { ($0["note"] as? String)?.contains("erasing page 1 of bank 1") == true })
    }

    @Test func infoReportsAssumptions() throws {
        let cli = try CommandRunner()
        try cli.run(["init", "--assume", "bker-under-swap=logical"])
        let object = try cli.run(["info", "--json"]).object()
        let assumptions = object["assumptions"] as? [[String: Any]] ?? []
        let bker = assumptions.first { $0["name"] as? String == "bker-under-swap" }
        #expect(bker?["value"] as? String == "logical")
        #expect(bker?["default"] as? String == "physical")
        #expect(assumptions.contains { $0["name"] as? String == "small-part-bank2" })
        #expect(try cli.run(["assume", "bker-under-swap=physical"]).status == 0)
        #expect(try cli.run(["assume", "bker-under-swap=sideways"]).status == 64)
    }

    @Test func defaultDeviceIsCreatedOnFirstUse() throws {
        let cli = try CommandRunner()
        let output = try cli.run(["info", "--json"], useDevice: false)
        #expect(output.status == 0)
        let path = try output.object()["device"] as? String ?? ""
        #expect(path.hasSuffix("xdg/flashscope/default.fsdev"))
        #expect(FileManager.default.fileExists(atPath: path))
    }
}

/// Every command's help reads as prose: a discussion line joined without its `\` would show the
/// source's indentation in the middle of a sentence.
@Suite struct HelpTextTests {
    @Test func noCommandsHelpHasARunOfSpacesInsideASentence() throws {
        let cli = try CommandRunner()
        let top = try cli.run(["--help"], useDevice: false)
        let names =
            top.text.components(separatedBy: "SUBCOMMANDS:").last?.split(separator: "\n").compactMap {
                line -> String? in
                guard line.hasPrefix("  "), let word = line.split(separator: " ").first else { return nil }
                return String(word)
            } ?? []
        #expect(names.contains("tui") && names.contains("attach") && names.count > 20, "\(top.text)")
        for name in names {
            let help = try cli.run([name, "--help"], useDevice: false).text
            // The prose between the overview and the usage line; option columns are aligned with spaces.
            let prose = help.components(separatedBy: "USAGE:").first ?? ""
            for line in prose.split(separator: "\n") {
                #expect(!line.trimmingCharacters(in: CharacterSet.whitespaces).contains("   "), "\(name): \(line)")
            }
        }
    }
}
