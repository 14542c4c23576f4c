import Foundation
import Testing

/// RDP, TZEN, OBL_LAUNCH and the option fields as a user meets them on the command line (reference §8).
@Suite(.serialized) struct ProtectionCommandTests {
    private static let bootloader = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples/bootloader.hex").path

    private func device() throws -> CommandRunner {
        let cli = try CommandRunner()
        #expect(try cli.run(["init"]).status == 0)
        return cli
    }

    @Test func levelTwoIsRefusedWithoutForceAndUndoSaysWhatItIs() throws {
        let cli = try device()
        let before = cli.deviceFingerprint()
        let refused = try cli.run(["ob", "set", "RDP=0xCC"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("can never be undone"))
        #expect(refused.stderr.contains("--force"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(cli.deviceFingerprint() == before, "nothing staged")
        #expect(try cli.run(["ob", "set", "OPTR=0x7FEFF8CC"]).status == 64, "a whole-register setting is caught too")

        let forced = try cli.run(["ob", "set", "RDP=0xCC", "--force"])
        #expect(forced.status == 0)
        #expect(forced.stderr.contains("WARNING"))
        let shown = try cli.run(["ob"]).text
        #expect(shown.contains("RDP        level 0 (0xAA); pending level 2 (0xCC) (PERMANENT on a real part)"))
        #expect(try cli.run(["ob", "launch"]).status == 0)
        #expect(try cli.run(["info"]).text.contains("debug    none: the debug port is disabled for good"))
        let stuck = try cli.run(["ob", "set", "RDP=0xAA"])
        #expect(stuck.status == 1)
        #expect(stuck.stderr.contains("the debug port is disabled"))

        let undo = try cli.run(["undo", "2"])
        #expect(undo.status == 0)
        #expect(undo.text.contains("undo is the simulator's time machine, not a silicon operation"))
        #expect(undo.text.contains("RDP level 2 stays there for good"))
        #expect(try cli.run(["info"]).text.contains("RDP level 0 (0xAA)"))
    }

    @Test func levelOneBlocksProgrammingAndTheRegressionErases() throws {
        let cli = try device()
        #expect(try cli.run(["program", Self.bootloader]).status == 0)
        #expect(try cli.run(["ob", "set", "RDP=0xBB", "--launch"]).status == 0)
        let program = try cli.run(["program", Self.bootloader])
        #expect(program.status == 1)
        #expect(program.stderr.contains("RDP level 1 (0xBB)"))
        let read = try cli.run(["read", "0x08000000", "16"])
        #expect(read.status == 0)
        #expect(read.stdout.count == 16 && read.stdout.contains(where: { $0 != 0xFF }), "the host view stays readable")
        #expect(read.stderr.contains("a debugger reading 0x08000000 gets a bus error"))
        let json = try cli.run(["read", "0x08000000", "4", "--json"]).object()
        #expect((json["debuggerView"] as? String)?.contains("bus error") == true)

        let regression = try cli.run(["ob", "set", "RDP=0xAA", "--launch", "--json"])
        #expect(regression.status == 0)
        let reset = try #require(try regression.object()["reset"] as? [String: Any])
        #expect(reset["cause"] as? String == "OBL_LAUNCH")
        #expect((reset["effects"] as? [String])?.first?.contains("mass-erased") == true)
        let boot = try #require(reset["boot"] as? [String: Any])
        #expect(boot["address"] as? String == "0x08000000")
        #expect((boot["vectorTable"] as? [String: Any])?["state"] as? String == "erased")
        #expect(try cli.run(["read", "0x08000000", "16"]).stdout == Data(repeating: 0xFF, count: 16))
    }

    @Test func tzenCannotBeSetAboveLevelZero() throws {
        let cli = try device()
        #expect(try cli.run(["ob", "set", "RDP=0xBB", "--launch"]).status == 0)
        let refused = try cli.run(["ob", "set", "TZEN=1"])
        #expect(refused.status == 1)
        #expect(refused.text.contains("OPTWERR"))
        #expect(refused.text.contains("TZEN can be set only at RDP level 0"))
    }

    @Test func bootAddressesAreTypedAsAddressesAndShownInHex() throws {
        let cli = try device()
        let before = cli.deviceFingerprint()
        let unaligned = try cli.run(["ob", "set", "NSBOOTADD0=0x08000010"])
        #expect(unaligned.status == 65)
        #expect(
            unaligned.stderr == "flashscope: NSBOOTADD0=0x08000010 is not a boot address: it must be a multiple "
                + "of 0x80 (the register keeps address bits 31:7)\n")
        #expect(cli.deviceFingerprint() == before)
        let set = try cli.run(["ob", "set", "NSBOOTADD0=0x08040000", "--launch"])
        #expect(set.status == 0)
        #expect(set.text.contains("NSBOOTADD0 0x08000000 → 0x08040000"))
        #expect(set.text.contains("boots from 0x08040000 (NSBOOTADD0)"))
        let shown = try cli.run(["ob"]).text
        #expect(shown.contains("  NSBOOTADD0     0x08040000  0x08040000"))
        #expect(shown.contains("  WRP1A_PSTRT    page 127    page 127"))
        let json = try cli.run(["ob", "--json"]).object()
        #expect(
            ((json["effective"] as? [String: Any])?["addresses"] as? [String: String])?["NSBOOTADD0"] == "0x08040000")
        let info = try cli.run(["info"]).text
        #expect(info.contains("boot     0x08040000 from NSBOOTADD0"))
        #expect(info.contains("vector table: erased"))
    }

    /// `ob set` takes an area's page field as a flash address: the page holding it (reference §4.3).
    @Test func pageFieldsTakeAddresses() throws {
        let cli = try device()
        let before = cli.deviceFingerprint()
        let wrongBank = try cli.run(["ob", "set", "WRP1A_PSTRT=0x0803F000", "WRP1A_PEND=0x08040000"])
        #expect(wrongBank.status == 65)
        #expect(
            wrongBank.stderr
                == "flashscope: WRP1A_PEND=0x08040000 names no page of its bank: it lies in bank 2, but WRP1A_PEND "
                + "numbers the pages of bank 1, 0x08000000–0x0803FFFF (DBANK=1)\n")
        #expect(cli.deviceFingerprint() == before, "nothing staged")

        let set = try cli.run(["ob", "set", "WRP1A_PSTRT=0x0803F000", "WRP1A_PEND=0x0803FFFF", "--launch"])
        #expect(set.status == 0)
        #expect(
            set.text.contains(
                "WRP1A_PEND=0x0803FFFF is page 127 of bank 1, 0x0803F800–0x0803FFFF (the page holding it, as DBANK=1 "
                    + "numbers pages)"))
        #expect(set.text.contains("WRP1A_PSTRT page 127 → page 126"))
        // The pages the addresses named are the ones protected now.
        let erase = try cli.run(["erase", "0x0803F800"])
        #expect(erase.status == 1)
        #expect(erase.text.contains("WRPERR"))
        #expect(try cli.run(["erase", "0x0803E800"]).status == 0)
    }

    @Test func infoNamesTheVectorTable() throws {
        let cli = try device()
        #expect(try cli.run(["program", Self.bootloader]).status == 0)
        let info = try cli.run(["info", "--json"]).object()
        let boot = try #require(info["boot"] as? [String: Any])
        let vectors = try #require(boot["vectorTable"] as? [String: Any])
        #expect(vectors["state"] as? String == "found")
        // Examples/bootloader.hex starts with SP 0x20040000 and the reset vector 0x08000201.
        #expect(vectors["initialSP"] as? String == "0x20040000")
        #expect(vectors["resetVector"] as? String == "0x08000201")
        #expect((info["readoutProtection"] as? [String: Any])?["level"] as? String == "level 0")
    }
}
