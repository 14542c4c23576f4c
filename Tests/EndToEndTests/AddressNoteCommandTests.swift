import Foundation
import Testing

/// `--address` with a file that carries its own addresses (HEX, S-record, ELF): said, not silently dropped.
@Suite struct AddressNoteCommandTests {
    private func examples(_ name: String) -> String {
        TourTests.root.appendingPathComponent("Examples/\(name)").path
    }

    /// `--address` means nothing to a HEX file: said on stderr, and the image lands where it says.
    @Test func addressWithAHexFileIsNotedAsIgnored() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let output = try cli.run(["program", examples("bootloader.hex"), "--address", "0x08040000"])
        #expect(output.status == 0)
        #expect(
            output.stderr
                == "flashscope: note: --address 0x08040000 is ignored: \(examples("bootloader.hex")) is Intel HEX, "
                + "which carries its own addresses (--address places binary files only)\n")
        #expect([UInt8](try cli.run(["read", "0x08040000", "4"]).stdout) == [0xFF, 0xFF, 0xFF, 0xFF])
        #expect([UInt8](try cli.run(["read", "0x08000000", "4"]).stdout) != [0xFF, 0xFF, 0xFF, 0xFF])
        let binary = try cli.file("b.bin", bytes: [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(try cli.run(["program", binary, "--address", "0x08040000"]).stderr.isEmpty)
    }

    @Test func verifyAndDiffSayItToo() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        for command in ["verify", "diff"] {
            let output = try cli.run([command, examples("bootloader.hex"), "--address", "0x08040000"])
            #expect(output.stderr.hasPrefix("flashscope: note: --address 0x08040000 is ignored: "), "\(command)")
        }
    }
}
