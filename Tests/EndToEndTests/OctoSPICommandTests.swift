import Foundation
import Testing

/// The OCTOSPI flash through the same command line as the internal flash.
@Suite(.serialized) struct OctoSPICommandTests {
    @Test func locateGivesSectorBlockAndPage() throws {
        let cli = try CommandRunner()
        let object = try cli.run(["locate", "0x90012345", "--json"]).object()
        #expect(object["region"] as? String == "ospi")
        #expect(object["sector"] as? Int == 0x12)
        #expect(object["sectorAddress"] as? String == "0x90012000")
        #expect(object["sectorSize"] as? Int == 4096)
        #expect(object["block"] as? Int == 1)
        #expect(object["pageAddress"] as? String == "0x90012300")
        #expect(object["pageSize"] as? Int == 256)
        let past = try cli.run(["locate", "0x94000000"])
        #expect(past.status == 65)
        #expect(past.stderr.contains("past the end of the 64 MiB OCTOSPI flash"))
    }

    @Test func infoReadsTheJEDECID() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let object = try cli.run(["ospi", "info", "--json"]).object()
        #expect(object["jedecId"] as? String == "C2853A")
        #expect(object["size"] as? Int == 64 << 20)
        #expect(object["protocolMode"] as? String == "spi")
        #expect(object["dummyCycles"] as? Int == 20)
        let small = try CommandRunner()
        try small.run(["init", "--part", "STM32L552xE"])
        #expect(try small.run(["ospi", "info"]).status == 65, "that part has no OCTOSPI flash")
    }

    @Test func programReadVerifyUndo() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let bytes = (0..<10_000).map { UInt8(($0 * 31) % 256) }
        let file = try cli.file("ext.bin", bytes: bytes)
        let program = try cli.run(["program", file, "--address", "0x90001F00", "--verify", "--json"])
        #expect(program.status == 0, "\(program.stderr)")
        let erased = try program.object()["erased"] as? [[String: Any]] ?? []
        #expect(
            erased.compactMap { $0["pageAddress"] as? String } == [
                "0x90001000", "0x90002000", "0x90003000", "0x90004000",
            ])
        #expect(erased.allSatisfy { $0["region"] as? String == "ospi" && $0["pageSize"] as? Int == 4096 })
        #expect(try cli.run(["read", "0x90001F00", "10000"]).stdout == Data(bytes), "reads through memory-mapped mode")
        #expect(try cli.run(["verify", file, "--address", "0x90001F00"]).status == 0)
        #expect(try cli.run(["trace", "--json"]).text.contains("flash 4PP"), "the trace decodes flash commands")
        try cli.run(["undo"])
        #expect(try cli.run(["read", "0x90001F00", "4"]).stdout == Data([0xFF, 0xFF, 0xFF, 0xFF]))
        try cli.run(["redo"])
        #expect(try cli.run(["read", "0x90001F00", "4"]).stdout == Data(bytes.prefix(4)))
    }

    @Test func aLargeProgramKeepsTheEndsOfItsTrace() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let file = try cli.file("big.bin", bytes: (0..<(64 << 10)).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let program = try cli.run(["program", file, "--address", "0x90000000", "--json"])
        #expect(program.status == 0, "\(program.stderr)")
        let total = try #require(try program.object()["accesses"] as? Int)
        #expect(total > 20_000, "64 KiB through the loader takes tens of thousands of accesses")
        let entries = try #require(try cli.run(["trace", "--json"]).json() as? [[String: Any]])
        let seqs = entries.compactMap { $0["seq"] as? Int }
        #expect(seqs.count == 20_000)
        #expect(Array(seqs.prefix(2)) == [1, 2])
        #expect(seqs.last == total, "the last access is kept")
        #expect(seqs[9_999] == 10_000 && seqs[10_000] == total - 9_999, "the first and last halves, nothing between")
        #expect(try cli.run(["trace"]).text.contains("(\(total) accesses; 20000 are kept: the first and last halves)"))
    }

    @Test func verifyAndDiffCompareALargeFilePieceByPiece() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        var bytes = (0..<(256 << 10)).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) }
        let file = try cli.file("image.bin", bytes: bytes)
        #expect(try cli.run(["program", file, "--address", "0x90000000"]).status == 0)
        let same = try cli.run(["verify", file, "--address", "0x90000000", "--json"])
        #expect(same.status == 0)
        #expect(try same.object()["bytesCompared"] as? Int == 256 << 10)
        // A run of changed bytes across the 64 KiB boundary the comparison reads in: still one range.
        for offset in 0xFFFE...0x10001 { bytes[offset] ^= 0x01 }
        let changed = try cli.file("changed.bin", bytes: bytes)
        let diff = try cli.run(["diff", changed, "--address", "0x90000000", "--json"])
        #expect(diff.status == 3)
        let object = try diff.object()
        #expect(object["bytesDiffering"] as? Int == 4)
        let ranges = object["ranges"] as? [[String: Any]] ?? []
        #expect(ranges.count == 1)
        #expect(
            ranges.first?["from"] as? String == "0x9000FFFE" && ranges.first?["to"] as? String == "0x90010001",
            "\(ranges)")
        let verify = try cli.run(["verify", changed, "--address", "0x90000000"])
        #expect(verify.status == 3)
        #expect(verify.text.contains("4 of 262144 bytes differ in 1 range"))
    }

    @Test func readingToABinaryFileGoesAPieceAtATime() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let bytes = (0..<(2 << 20) + 777).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ 3) }
        let file = try cli.file("image.bin", bytes: bytes)
        #expect(try cli.run(["program", file, "--address", "0x90100000"]).status == 0)
        let read = try cli.run(["read", "0x90100000", String(bytes.count), "-o", "back.bin"])
        #expect(read.status == 0, "\(read.stderr)")
        let back = try Data(contentsOf: cli.directory.appendingPathComponent("back.bin"))
        #expect(back == Data(bytes), "three 1 MiB pieces and a partial one, in order")
        let refused = try cli.run(["read", "0x93F00000", "0x200000", "-o", "past.bin"])
        #expect(refused.status == 65)
        #expect(
            !FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("past.bin").path),
            "a refused range writes no file")
        let unwritable = try cli.run(["read", "0x90100000", "16", "-o", "/nonexistent/dir/x.bin"])
        #expect(unwritable.status == 74)
        #expect(
            unwritable.stderr.hasPrefix("flashscope: /nonexistent/dir/x.bin: cannot write file"), "\(unwritable.stderr)"
        )
    }

    @Test func preserveKeepsTheRestOfTheSector() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let first = try cli.file("a.bin", bytes: [UInt8](repeating: 0xA5, count: 4096))
        let second = try cli.file("b.bin", bytes: [1, 2, 3, 4])
        try cli.run(["program", first, "--address", "0x90000000"])
        #expect(try cli.run(["program", second, "--address", "0x90000100"]).status == 0)
        #expect(try cli.run(["read", "0x900000FE", "8"]).stdout == Data([0xA5, 0xA5, 1, 2, 3, 4, 0xA5, 0xA5]))
    }

    @Test func eraseUsesBlocksWhereWholeBlocksAreCovered() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let object = try cli.run(["erase", "0x9000F000", "--length", "0x12000", "--json"]).object()
        let erased = object["erased"] as? [[String: Any]] ?? []
        // 0x9000F000 (sector), 0x90010000 (block), 0x90020000 (sector)
        #expect(erased.compactMap { $0["pageAddress"] as? String } == ["0x9000F000", "0x90010000", "0x90020000"])
        #expect(erased.compactMap { $0["pageSize"] as? Int } == [4096, 65536, 4096])
        #expect(object["deviceTimeNs"] as? Int == 25_000_000 + 220_000_000 + 25_000_000)
    }

    @Test func eraseOfAWholeSectorReportsCollateralOutsideTheRange() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let data = try cli.file("d.bin", bytes: [UInt8](repeating: 0x11, count: 4096))
        try cli.run(["program", data, "--address", "0x90000000"])
        let object = try cli.run(["erase", "0x90000010", "--length", "16", "--json"]).object()
        let collateral = object["collateral"] as? [[String: String]]
        #expect(
            collateral == [["from": "0x90000000", "to": "0x9000000F"], ["from": "0x90000020", "to": "0x90000FFF"]])
    }

    @Test func chipEraseAndStraddlingRanges() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let data = try cli.file("d.bin", bytes: [1, 2, 3, 4])
        try cli.run(["program", data, "--address", "0x93FFFFF0"])
        let chip = try cli.run(["erase", "--chip", "--json"]).object()
        #expect(chip["kind"] as? String == "chip-erase")
        #expect(chip["deviceTimeNs"] as? Int == 150_000_000_000)
        #expect(try cli.run(["read", "0x93FFFFF0", "4"]).stdout == Data([0xFF, 0xFF, 0xFF, 0xFF]))
        let straddle = try cli.run(["erase", "0x93FFF000", "--length", "0x2000"])
        #expect(straddle.status == 65)
        let pastEnd = try cli.run(["program", data, "--address", "0x93FFFFFE"])
        #expect(pastEnd.status == 65)
    }

    @Test func deviceFileKeepsTheOCTOSPIContents() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let data = try cli.file("d.bin", bytes: [9, 8, 7, 6])
        try cli.run(["program", data, "--address", "0x92000000"])
        try cli.run(["program", data, "--address", "0x08000000"])
        #expect(try cli.run(["read", "0x92000000", "4"]).stdout == Data([9, 8, 7, 6]))
        #expect(try cli.run(["export", "all.hex"]).status == 0)
        let other = try CommandRunner()
        try other.run(["init"])
        #expect(try other.run(["program", cli.directory.appendingPathComponent("all.hex").path]).status == 0)
        #expect(try other.run(["read", "0x92000000", "4"]).stdout == Data([9, 8, 7, 6]))
        #expect(try other.run(["read", "0x08000000", "4"]).stdout == Data([9, 8, 7, 6]))
    }
}
