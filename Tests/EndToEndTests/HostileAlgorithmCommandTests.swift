import FlashEmulation
import Foundation
import Testing

/// The hostile algorithm files (FlashEmulationTests/Hostile) through the command line: each
/// once trapped, hung or ran out of memory there; now each is exit status 65 and one line,
/// and a command that would have used it leaves the device file as it was.
@Suite struct HostileAlgorithmCommandTests {
    static let hostile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FlashEmulationTests/Hostile")

    static func path(_ name: String) -> String { hostile.appendingPathComponent(name).path }

    static let refused = [
        "flm-nobits-section-names.FLM", "flm-prgdata-nobits-4gib.FLM", "flm-sector-512mib.FLM",
        "flm-sector-address-0x80000000.FLM", "flm-page-size-0.FLM", "yaml-deep-flow.yaml", "yaml-deep-block.yaml",
        "yaml-page-size-0.yaml", "yaml-duplicate-page-size.yaml", "yaml-sector-size-0xffffffff.yaml",
        "yaml-sector-2gib.yaml", "yaml-sector-address-0x80000000.yaml", "yaml-alias-expansion.yaml",
    ]

    @Test(arguments: refused)
    func algoListRefusesWithOneLine(_ name: String) throws {
        let output = try CommandRunner().run(["algo", "list", Self.path(name)], useDevice: false)
        #expect(output.status == 65)
        #expect(output.stderr.hasPrefix("flashscope: \(Self.path(name)): "))
        #expect(output.stderr.filter { $0 == "\n" }.count == 1, "\(output.stderr)")
    }

    /// probe-rs's STM32L5 description with one sector moved to 0x80000000: `algo list` trapped.
    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: probeRsPath),
            "needs shared/fixtures/probe-rs beside the repository"))
    func algoListRefusesTheProbeRsFileWithASectorFarOutside() throws {
        let cli = try CommandRunner()
        let text = try String(contentsOfFile: Self.probeRsPath, encoding: .utf8)
        let range = try #require(text.range(of: "      address: 0x0\n"))
        let damaged = try cli.file(
            "damaged.yaml", bytes: Array(text.replacingCharacters(in: range, with: "      address: 0x80000000\n").utf8))
        let output = try cli.run(["algo", "list", damaged], useDevice: false)
        #expect(output.status == 65)
        #expect(
            output.stderr.contains("0x80000000") && output.stderr.contains("outside the declared range"),
            "\(output.stderr)")
    }

    static let probeRsPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "shared/fixtures/probe-rs/STM32L5_Series.yaml"
        ).path

    /// A 2 GiB sector took 4.1 GB and 22 s to program 16 bytes; page size 0 never returned.
    @Test(arguments: ["yaml-sector-2gib.yaml", "yaml-page-size-0.yaml", "flm-page-size-0.FLM"])
    func programWithAHostileAlgorithmChangesNothing(_ name: String) throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let before = cli.deviceFingerprint()
        let image = try cli.file("small.bin", bytes: [UInt8](repeating: 0x11, count: 16))
        let output = try cli.run(["program", image, "--address", "0x08000000", "--algorithm-file", Self.path(name)])
        #expect(output.status == 65)
        #expect(output.stderr.hasPrefix("flashscope: \(Self.path(name)): "))
        #expect(cli.deviceFingerprint() == before)
    }

    @Test func theInstructionBudgetNeedsAnAlgorithmFileAndAPositiveValue() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let image = try cli.file("small.bin", bytes: [UInt8](repeating: 0x11, count: 16))
        let alone = try cli.run(["program", image, "--address", "0x08000000", "--instruction-budget", "1000"])
        #expect(alone.status == 64)
        #expect(alone.stderr.contains("--instruction-budget goes with --algorithm-file"))
        let zero = try cli.run([
            "program", image, "--address", "0x08000000", "--instruction-budget", "0",
            "--algorithm-file", Self.path("flm-slow-program-page.FLM"),
        ])
        #expect(zero.status == 64)
        // The screen makes its own emulated algorithm per operation; it would ignore the option.
        let tui = try cli.run([
            "tui", "--algorithm-file", Self.path("flm-slow-program-page.FLM"), "--instruction-budget", "1000",
        ])
        #expect(tui.status == 64)
        #expect(tui.stderr == "flashscope: --instruction-budget goes with program and erase, not tui\n")
    }

    /// Each ProgramPage of this algorithm runs about 8.4 million instructions: within the
    /// per-call budget, so before there was a budget per operation only time stopped it.
    @Test(.enabled(if: Emulator.isAvailable, "needs libunicorn2"))
    func programStopsWhenTheOperationBudgetRunsOut() throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let image = try cli.file("pages.bin", bytes: [UInt8](repeating: 0x11, count: 4096))
        let algorithm = ["--algorithm-file", Self.path("flm-slow-program-page.FLM")]
        let limited = try cli.run(
            ["program", image, "--address", "0x08000000", "--instruction-budget", "5000000"] + algorithm)
        #expect(limited.status == 1)
        #expect(
            limited.text.contains(
                "ProgramPage(0x08000400, 1024) faulted: the operation ran out of its instruction budget (5000000 instructions plus"
            ),
            "\(limited.text)")
        let ample = try cli.run(["program", image, "--address", "0x08000000"] + algorithm)
        #expect(ample.status == 0, "\(ample.text) \(ample.stderr)")
    }
}
