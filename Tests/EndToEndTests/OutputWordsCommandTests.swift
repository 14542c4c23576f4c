import Foundation
import Testing

/// What the commands say, as a user reads it: formats offered are formats written, summaries
/// name what changed, units are KiB, ranges instead of bytes.
@Suite struct OutputWordsCommandTests {
    private func examples(_ name: String) -> String {
        TourTests.root.appendingPathComponent("Examples/\(name)").path
    }

    @Test func readAndExportOfferOnlyWhatTheyWrite() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let readHelp = try cli.run(["read", "--help"]).text
        #expect(readHelp.contains("hex, srec, bin") && !readHelp.contains("elf"), "\(readHelp)")
        let exportHelp = try cli.run(["export", "--help"]).text
        #expect(exportHelp.contains("hex, srec") && !exportHelp.contains("elf") && !exportHelp.contains("bin"))
        #expect(try cli.run(["read", "0x08000000", "16", "--format", "elf", "-o", "x.hex"]).status == 64)
        #expect(try cli.run(["export", "all.bin", "--format", "bin"]).status == 64)
    }

    @Test func readToAnELFNameIsRefusedNamingTheExtension() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let output = try cli.run(["read", "0x08000000", "16", "-o", "out.elf"])
        #expect(output.status == 64)
        #expect(
            output.stderr
                == "flashscope: out.elf: .elf names ELF, which FlashScope reads but does not write; use .hex, .srec, .s19 or .bin, or --format\n"
        )
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("out.elf").path))
        // An explicit format writes that format, whatever the name.
        #expect(try cli.run(["read", "0x08000000", "16", "-o", "out.elf", "--format", "bin"]).status == 0)
        #expect(try cli.run(["convert", examples("bootloader.hex"), "copy.axf"]).status == 64)
    }

    @Test func tuiRefusesJSON() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let output = try cli.run(["tui", "--json"])
        #expect(output.status == 64)
        #expect(output.stderr == "flashscope: --json goes with the other commands; the terminal UI prints none\n")
    }

    /// The first line names the fields an option operation changed, not "option-bytes with option-bytes".
    @Test func optionSummariesNameTheFields() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let staged = try cli.run(["ob", "set", "SWAP_BANK=1"]).text
        #expect(staged.hasPrefix("option-bytes: SWAP_BANK 0 → 1: ok\n"), "\(staged)")
        let launched = try cli.run(["ob", "launch"]).text
        #expect(launched.hasPrefix("launch: SWAP_BANK 0 → 1: ok\n"), "\(launched)")
        // OBL_LAUNCH takes no modelled time: not "0 ns".
        #expect(launched.contains("device time instant,") && !launched.contains("0 ns"), "\(launched)")
        #expect(try cli.run(["erase", "0x08000000"]).text.hasPrefix("erase with bank-aware: ok"))
    }

    @Test func logNamesTheFileProgrammed() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        try cli.run(["program", "Examples/bootloader.hex"], workingDirectory: TourTests.root)
        let line = try cli.run(["log"]).text
        #expect(line.contains("\tprogram\tok\tExamples/bootloader.hex: 3 pages erased"), "\(line)")
    }

    @Test func unitsAreKiB() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let info = try cli.run(["info"]).text
        let locate = try cli.run(["locate", "0x08000800"]).text
        for text in [info, locate] {
            #expect(text.contains("KiB") && !text.contains(" KB"), "\(text)")
        }
    }

    /// `--limit 12` prints the first 12 accesses and says so.
    @Test func traceLimitSaysWhatItPrints() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        try cli.run(["erase", "0x08000000"])
        let lines = try cli.run(["trace", "--limit", "12"]).text.split(separator: "\n")
        #expect(lines.count == 14, "the operation line, the note and 12 accesses")
        #expect(lines[1] == "(15 accesses; the first 12 shown, as --limit asks)", "\(lines)")
        #expect(lines[2].hasPrefix("1 ") && lines[13].hasPrefix("12 "))
    }

    /// A never-programmed image is one range of one cause, not one line per byte.
    @Test func verifyGroupsByRange() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let image = try cli.file("image.bin", bytes: [UInt8](repeating: 0x5A, count: 4096))
        let output = try cli.run(["verify", image, "--address", "0x08000000"])
        #expect(output.status == 3)
        #expect(
            output.text == "\(image): 4096 of 4096 bytes differ in 1 range\n"
                + "  0x08000000–0x08000FFF (4096 bytes): file 0x5A, flash 0xFF at the first — "
                + "flash is erased here: these bytes were never programmed\n", "\(output.text)")
        // The bootloader's vector table has erased bytes, which match: one line per run between them.
        let runs = try cli.run(["verify", examples("bootloader.hex")]).text.split(separator: "\n")
        #expect(runs.filter { $0.contains("flash is erased here") }.count == 8, "the first eight runs")
        #expect(runs.last?.hasPrefix("  … and ") == true && runs.last?.hasSuffix(" (see `flashscope diff`)") == true)
    }

    @Test func aDirectoryAsTheDeviceSaysSo() throws {
        let cli = try CommandRunner()
        let output = try cli.run(["info", "--device", cli.directory.path], useDevice: false)
        #expect(output.status == 66)
        #expect(output.stderr.contains("it is a directory, not a device file"), "\(output.stderr)")
        #expect(!output.stderr.contains("empty"))
    }

    /// OpenOCD's mdw view: words little-endian, four a line; misaligned reads are refused.
    @Test func readWidthFourPrintsWords() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let data = try cli.file("w.bin", bytes: [0x00, 0x00, 0x04, 0x20, 0x01, 0x02, 0x00, 0x08] + Array(0..<24))
        try cli.run(["program", data, "--address", "0x08000000"])
        let output = try cli.run(["read", "0x08000000", "32", "--width", "4"])
        #expect(output.status == 0)
        #expect(
            output.text
                == "0x08000000: 20040000 08000201 03020100 07060504\n0x08000010: 0b0a0908 0f0e0d0c 13121110 17161514\n"
        )
        #expect(try cli.run(["read", "0x08000002", "8", "--width", "4"]).status == 64)
        #expect(try cli.run(["read", "0x08000000", "6", "--width", "4"]).status == 64)
        #expect(try cli.run(["read", "0x08000000", "8", "--width", "2"]).status == 64)
    }
}
