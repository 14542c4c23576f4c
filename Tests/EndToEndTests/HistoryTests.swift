import Foundation
import Testing

/// Journal, undo/redo, snapshots and dump import through the command line.
@Suite(.serialized) struct HistoryTests {
    private func read(_ cli: CommandRunner, _ address: String, _ count: Int = 4) throws -> [UInt8] {
        [UInt8](try cli.run(["read", address, String(count)]).stdout)
    }

    private func optr(_ cli: CommandRunner, _ copy: String) throws -> String? {
        (try cli.run(["ob", "--json"]).object()[copy] as? [String: Any])?["OPTR"] as? String
    }

    @Test func undoAndRedoEveryOperationKind() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let data = try cli.file("data.bin", bytes: [1, 2, 3, 4, 5, 6, 7, 8])
        // 1 program, 2 erase, 3 ob set, 4 ob launch
        #expect(try cli.run(["program", data, "--address", "0x08000000"]).status == 0)
        #expect(try cli.run(["erase", "0x08000000"]).status == 0)
        #expect(try cli.run(["ob", "set", "SWAP_BANK=1"]).status == 0)
        #expect(try cli.run(["ob", "launch"]).status == 0)
        let log = try cli.run(["log", "--json"]).json() as? [[String: Any]] ?? []
        #expect(log.compactMap { $0["kind"] as? String } == ["program", "erase", "option-bytes", "launch"])

        #expect(try optr(cli, "effective") == "0x7FFFF8AA")
        try cli.run(["undo"])  // launch
        #expect(try optr(cli, "effective") == "0x7FEFF8AA")
        #expect(try optr(cli, "pending") == "0x7FFFF8AA")
        try cli.run(["undo"])  // ob set
        #expect(try optr(cli, "pending") == "0x7FEFF8AA")
        try cli.run(["undo"])  // erase
        #expect(try read(cli, "0x08000000") == [1, 2, 3, 4])
        try cli.run(["undo"])  // program
        #expect(try read(cli, "0x08000000") == [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(try cli.run(["undo"]).status == 64, "nothing left to undo")

        try cli.run(["redo"])
        #expect(try read(cli, "0x08000000") == [1, 2, 3, 4])
        try cli.run(["redo"])
        #expect(try read(cli, "0x08000000") == [0xFF, 0xFF, 0xFF, 0xFF])
        try cli.run(["redo"])
        try cli.run(["redo"])
        #expect(try optr(cli, "effective") == "0x7FFFF8AA")
        #expect(try cli.run(["redo"]).status == 64, "nothing left to redo")
    }

    @Test func undoBackToAnOperationAndNewWorkDropsRedo() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let data = try cli.file("data.bin", bytes: [9, 9, 9, 9, 9, 9, 9, 9])
        for address in ["0x08000000", "0x08000800", "0x08001000"] {
            try cli.run(["program", data, "--address", address])
        }
        let undone = try cli.run(["undo", "2", "--json"]).object()["undone"] as? [Int]
        #expect(undone == [3, 2])
        #expect(try read(cli, "0x08000800") == [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(try read(cli, "0x08000000") == [9, 9, 9, 9])
        try cli.run(["erase", "0x08040000"])
        #expect(try cli.run(["redo"]).status == 64, "new work drops what was undone")
    }

    @Test func undoOfABankModeChangeBringsTheDataBack() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let data = try cli.file("data.bin", bytes: [7, 7, 7, 7, 7, 7, 7, 7])
        try cli.run(["program", data, "--address", "0x08040000"])
        try cli.run(["ob", "set", "DBANK=0", "--launch"])
        #expect(try read(cli, "0x08040000") == [0xFF, 0xFF, 0xFF, 0xFF], "contents erased on the bank-mode change")
        try cli.run(["undo"])
        #expect(try read(cli, "0x08040000") == [7, 7, 7, 7])
        #expect(try cli.run(["locate", "0x08040000", "--json"]).object()["bker"] as? Int == 1)
    }

    @Test func snapshotsSaveRestoreListDelete() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let data = try cli.file("data.bin", bytes: [5, 5, 5, 5, 5, 5, 5, 5])
        try cli.run(["program", data, "--address", "0x08000000"])
        #expect(try cli.run(["snapshot", "save", "before"]).status == 0)
        try cli.run(["erase", "--mass"])
        #expect(try read(cli, "0x08000000") == [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(try cli.run(["snapshot", "restore", "before"]).status == 0)
        #expect(try read(cli, "0x08000000") == [5, 5, 5, 5])
        try cli.run(["undo"])
        #expect(try read(cli, "0x08000000") == [0xFF, 0xFF, 0xFF, 0xFF], "a restore is undoable")
        let list = try cli.run(["snapshot", "list", "--json"]).json() as? [[String: Any]] ?? []
        #expect(list.compactMap { $0["name"] as? String } == ["before"])
        #expect(try cli.run(["snapshot", "delete", "before"]).status == 0)
        #expect(try cli.run(["snapshot", "restore", "before"]).status == 64)
    }

    @Test func importDumpWithItsOPTR() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        // A 512 KB dump of a chip that ran in single-bank mode (DBANK=0 in its OPTR).
        var dump = [UInt8](repeating: 0xFF, count: 0x8_0000)
        dump[0] = 0xA5
        dump[0x4_0000] = 0x5A
        let file = try cli.file("chip.bin", bytes: dump)
        let output = try cli.run(["import-dump", file, "--address", "0x08000000", "--optr", "0x7FAFF8AA"])
        #expect(output.status == 0)
        #expect(try read(cli, "0x08000000", 1) == [0xA5])
        #expect(try read(cli, "0x08040000", 1) == [0x5A])
        #expect(try cli.run(["locate", "0x08040000", "--json"]).object()["pageSize"] as? Int == 4096)
        try cli.run(["undo"])
        #expect(try read(cli, "0x08000000", 1) == [0xFF])
        #expect(try optr(cli, "effective") == "0x7FEFF8AA")
    }

    /// An undone operation stays in the log after new work, marked as no longer redoable.
    @Test func undoneOperationsStayInTheLog() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let data = try cli.file("data.bin", bytes: [9, 9, 9, 9, 9, 9, 9, 9])
        try cli.run(["program", data, "--address", "0x08000000"])
        try cli.run(["erase", "0x08000000"])
        try cli.run(["undo"])
        #expect(try cli.run(["log"]).text.contains("\terase\tok\t1 page erased\t(undone)\n"))
        try cli.run(["ob", "set", "SWAP_BANK=1"])
        let log = try cli.run(["log", "--json"]).json() as? [[String: Any]] ?? []
        #expect(log.compactMap { $0["kind"] as? String } == ["program", "erase", "option-bytes"])
        #expect(log.compactMap { $0["undone"] as? Bool } == [false, true, false])
        #expect(log.compactMap { $0["redoable"] as? Bool } == [false, false, false])
        #expect(try cli.run(["log"]).text.contains("\t(undone; not redoable after a later operation)"))
        #expect(try cli.run(["redo"]).status == 64, "the erase cannot come back")
        #expect(try cli.run(["undo", "2"]).stderr == "flashscope: operation 2 is already undone\n")
        // Undoing the newest and redoing it skips the superseded erase.
        try cli.run(["undo"])
        #expect(try cli.run(["redo", "--json"]).status == 0)
        #expect(try optr(cli, "pending") == "0x7FFFF8AA")
        #expect(try read(cli, "0x08000000") == [9, 9, 9, 9], "the erase stayed undone")
    }

    @Test func snapshotSaveRefusesToOverwriteWithoutForce() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let data = try cli.file("data.bin", bytes: [5, 5, 5, 5, 5, 5, 5, 5])
        #expect(try cli.run(["snapshot", "save", "good"]).status == 0)
        try cli.run(["program", data, "--address", "0x08000000"])
        let refused = try cli.run(["snapshot", "save", "good"])
        #expect(refused.status == 64)
        #expect(refused.stderr.hasPrefix("flashscope: snapshot 'good' exists (saved "))
        #expect(refused.stderr.hasSuffix("); add --force to replace it\n"))
        try cli.run(["snapshot", "restore", "good"])
        #expect(try read(cli, "0x08000000") == [0xFF, 0xFF, 0xFF, 0xFF], "the erased device was kept")
        try cli.run(["undo"])
        #expect(try cli.run(["snapshot", "save", "good", "--force"]).status == 0)
        try cli.run(["erase", "--mass"])
        try cli.run(["snapshot", "restore", "good"])
        #expect(try read(cli, "0x08000000") == [5, 5, 5, 5], "--force replaced it")
    }

    @Test func importDumpSaysWhatItsOPTRChanged() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let file = try cli.file("chip.bin", bytes: [UInt8](repeating: 0xA5, count: 16))
        let output = try cli.run(["import-dump", file, "--address", "0x08000000", "--optr", "0x7FAFF8AA"])
        #expect(output.text == "imported 16 bytes at 0x08000000\n  option    DBANK 1 → 0\n", "\(output.text)")
        #expect(try cli.run(["log"]).text.contains("imported 16 bytes at 0x08000000; options DBANK 1 → 0"))
        let same = try cli.run(["import-dump", file, "--address", "0x08000000", "--optr", "0x7FAFF8AA"])
        #expect(same.text.contains("OPTR unchanged (0x7FAFF8AA)"))
    }

    /// A dump of the OCTOSPI flash lands in its sectors, is undoable, and one past its end is refused.
    @Test func importAnOctoSPIDump() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        var dump = [UInt8](repeating: 0xFF, count: 3 * 4096)
        dump[0] = 0x11
        dump[2 * 4096 + 5] = 0x22
        let file = try cli.file("ospi.bin", bytes: dump)
        let output = try cli.run(["import-dump", file, "--address", "0x90001000"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect([UInt8](try cli.run(["read", "0x90001000", "2"]).stdout) == [0x11, 0xFF])
        #expect([UInt8](try cli.run(["read", "0x90003005", "1"]).stdout) == [0x22])
        #expect(try cli.run(["verify", file, "--address", "0x90001000"]).status == 0)
        try cli.run(["undo"])
        #expect([UInt8](try cli.run(["read", "0x90001000", "1"]).stdout) == [0xFF])
        let before = cli.deviceFingerprint()
        let past = try cli.run(["import-dump", file, "--address", "0x93FFF000"])
        #expect(past.status == 65)
        #expect(past.stderr.contains("run past the end of the 64 MiB OCTOSPI flash"))
        #expect(cli.deviceFingerprint() == before)
        try cli.run(["init", "--part", "STM32L552xE", "--force"])
        #expect(try cli.run(["import-dump", file, "--address", "0x90000000"]).status == 65)
    }

    @Test func showPrintsTheOperationAndItsTrace() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        try cli.run(["erase", "0x08000000"])
        let object = try cli.run(["show", "1", "--json"]).object()
        #expect((object["result"] as? [String: Any])?["kind"] as? String == "erase")
        #expect(((object["trace"] as? [Any])?.count ?? 0) > 5)
    }
}
