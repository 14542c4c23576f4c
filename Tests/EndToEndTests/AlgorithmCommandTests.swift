import FlashEmulation
import Foundation
import Testing

/// Vendor algorithms on the command line: `algo list`, `algo check`, `--algorithm-file`.
@Suite(.serialized) struct AlgorithmCommandTests {
    static let testAlgorithm = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FlashEmulationTests/Algorithm/flash_algo.FLM").path
    static let missingUnicorn = ["FLASHSCOPE_UNICORN": "/nonexistent/libunicorn.so.2"]
    static let unavailableLine = "flashscope: the algorithm emulator needs libunicorn2 (apt-get install libunicorn2)\n"

    @Test func listShowsRangePageSizeAndSectors() throws {
        let cli = try CommandRunner()
        let output = try cli.run(["algo", "list", Self.testAlgorithm, "--json"], useDevice: false)
        #expect(output.status == 0, "\(output.stderr)")
        let algorithms = try #require(try output.object()["algorithms"] as? [[String: Any]])
        let first = try #require(algorithms.first)
        #expect(first["name"] as? String == "FlashScope_L5_512_test")
        #expect(first["pageSize"] as? Int == 1024)
        #expect((first["range"] as? [String: String])?["to"] == "0x0807FFFF")
        #expect((first["sectors"] as? [[String: Any]])?.first?["size"] as? Int == 2048)
        let text = try cli.run(["algo", "list", Self.testAlgorithm], useDevice: false).text
        #expect(text.contains("from 0x08000000: 256 × 2 KiB"))
    }

    @Test func badAlgorithmFilesHaveTheirExitStatus() throws {
        let cli = try CommandRunner()
        #expect(try cli.run(["algo", "list", "/nonexistent.FLM"], useDevice: false).status == 66)
        let garbage = try cli.file("garbage.FLM", bytes: [0x7F, 0x45, 0x4C, 0x46, 1, 1, 1])
        let bad = try cli.run(["algo", "list", garbage], useDevice: false)
        #expect(bad.status == 65)
        #expect(bad.stderr.hasPrefix("flashscope: \(garbage)"))
    }

    /// Every machine can run this one: the library path is overridden to a missing file.
    @Test func withoutUnicornTheFeatureFailsWithOneLine() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let before = cli.deviceFingerprint()
        let erase = try cli.run(
            ["erase", "0x08000000", "--algorithm-file", Self.testAlgorithm], environment: Self.missingUnicorn)
        #expect(erase.status == 69)
        #expect(erase.stderr == Self.unavailableLine)
        #expect(cli.deviceFingerprint() == before)
        let check = try cli.run(
            ["algo", "check", Self.testAlgorithm], useDevice: false, environment: Self.missingUnicorn)
        #expect(check.status == 69)
        #expect(check.stderr == Self.unavailableLine)
    }

    @Test func unknownAlgorithmNameIsAUsageError() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let output = try cli.run([
            "erase", "0x08000000", "--algorithm-file", Self.testAlgorithm, "--algorithm-name", "nope",
        ])
        #expect(output.status == 64)
        #expect(output.stderr.contains("no algorithm named 'nope'"))
    }

    @Test(.enabled(if: Emulator.isAvailable, "needs libunicorn2"))
    func eraseWithTheAlgorithmReportsTheNeighbourItCostsWhenDBANKIsZero() throws {
        let cli = try CommandRunner()
        try cli.run(["init", "--part", "STM32L552xE"])
        let image = try cli.file("app.bin", bytes: [UInt8](repeating: 0x5A, count: 4096))
        #expect(try cli.run(["program", image, "--address", "0x08000000"]).status == 0)
        #expect(try cli.run(["ob", "set", "DBANK=0"]).status == 0)
        #expect(try cli.run(["ob", "launch"]).status == 0)
        #expect(try cli.run(["program", image, "--address", "0x08000000"]).status == 0)
        let erase = try cli.run(["erase", "0x08000800", "--algorithm-file", Self.testAlgorithm, "--json"])
        #expect(erase.status == 0, "\(erase.stderr)")
        let object = try erase.object()
        #expect(object["algorithm"] as? String == "FlashScope_L5_512_test")
        #expect(object["collateralBytes"] as? Int == 2048)
        #expect((object["collateral"] as? [[String: String]])?.first?["from"] == "0x08000000")
        let trace = try cli.run(["trace"]).text
        #expect(trace.contains("by the instruction at 0x2000"))
        // The same as fields: the instruction's address and number, and the call it belongs to.
        let entries = try #require(try cli.run(["trace", "--json"]).json() as? [[String: Any]])
        let control = entries.filter { $0["register"] as? String == "NSCR" && $0["access"] as? String == "write" }
        #expect(!control.isEmpty)
        for entry in control {
            #expect((entry["pc"] as? String)?.hasPrefix("0x2000") == true)
            #expect(entry["instruction"] as? Int != nil)
        }
        #expect(
            control.contains {
                $0["call"] as? String == "EraseSector" && $0["callText"] as? String == "EraseSector(0x08000800)"
            })
    }

    @Test(.enabled(if: Emulator.isAvailable, "needs libunicorn2"))
    func checkReportsFindingsWithExitStatusTwo() throws {
        let cli = try CommandRunner()
        let output = try cli.run(["algo", "check", Self.testAlgorithm, "--json"], useDevice: false)
        #expect(output.status == 2, "\(output.stderr)")
        let reports = try #require(try output.object()["reports"] as? [[String: Any]])
        let findings = try #require(reports.first?["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["kind"] as? String == "erased-outside-sector" && $0["dbank"] as? Int == 0 })
        #expect(!findings.contains { $0["dbank"] as? Int == 1 && $0["tzen"] as? Int == 0 })
    }
}
