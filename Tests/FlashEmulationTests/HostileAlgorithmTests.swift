import FlashCore
import FlashEmulation
import FlashFormats
import Foundation
import Testing

/// Every file under Hostile/ (made by make-hostile.py) once crashed a reader, exhausted
/// memory or hung; each must now be refused with a one-line error that names the file and
/// what is wrong. The *-valid files are the same construction without the defect.
@Suite struct HostileAlgorithmTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        /// What the message must say.
        var says: [String]
        var testDescription: String { file }
    }

    static let directory = Fixtures.repositoryRoot.appendingPathComponent("Tests/FlashEmulationTests/Hostile")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static let cases: [Case] = [
        Case(file: "flm-nobits-section-names.FLM", says: ["section 6", "section name table", "SHT_NOBITS"]),
        Case(file: "flm-nobits-symbol-names.FLM", says: ["section 5", "symbol name table", "SHT_NOBITS"]),
        Case(file: "flm-overlapping-symbol-tables.FLM", says: ["symbol tables overlap"]),
        Case(file: "flm-prgcode-nobits-4gib.FLM", says: ["PrgCode", "4294967280 bytes", "262144-byte emulated RAM"]),
        Case(file: "flm-prgdata-nobits-4gib.FLM", says: ["PrgData", "262144-byte emulated RAM"]),
        Case(file: "flm-prgdata-nobits-1gib.FLM", says: ["PrgData", "1073741840 bytes"]),
        Case(file: "flm-sector-512mib.FLM", says: ["sector 0", "536870912", "16777216-byte limit"]),
        Case(file: "flm-sector-past-range.FLM", says: ["sector 0", "4294967280"]),
        Case(
            file: "flm-sector-address-0x80000000.FLM", says: ["sector 1", "0x80000000", "outside the declared range"]),
        Case(file: "flm-page-size-0.FLM", says: ["page size is 0"]),
        // Names are shown with control characters escaped: one line, no terminal escapes.
        Case(file: "flm-name-line-break.FLM", says: ["Hostile\\u{A}test\\u{1B}[2J: page size is 0"]),
        Case(file: "fuzz-flm-name-line-break.FLM", says: ["\\u{A}", "0x80000000", "outside the declared range"]),
        Case(file: "yaml-name-line-break.yaml", says: ["host\\u{A}ile: page size is 0"]),
        Case(file: "yaml-deep-flow.yaml", says: ["line 1", "nested deeper than the 64-level limit"]),
        Case(file: "yaml-deep-block.yaml", says: ["line 2", "nested deeper than the 64-level limit"]),
        Case(file: "yaml-page-size-0.yaml", says: ["hostile", "page size is 0"]),
        Case(file: "yaml-duplicate-page-size.yaml", says: ["line 18", "duplicate key 'page_size'"]),
        Case(file: "yaml-sector-size-0xffffffff.yaml", says: ["sector 0", "4294967295", "16777216-byte limit"]),
        Case(file: "yaml-sector-2gib.yaml", says: ["sector 0", "2147483648", "16777216-byte limit"]),
        Case(
            file: "yaml-sector-address-0x80000000.yaml", says: ["sector 0", "0x80000000", "outside the declared range"]),
        Case(file: "yaml-alias-expansion.yaml", says: ["line 2", "aliases are not accepted"]),
    ]

    @Test(arguments: cases)
    func isRefusedWithOneLine(_ hostile: Case) throws {
        let path = Self.path(hostile.file)
        do {
            let algorithms = try AlgorithmFile.load(path)
            Issue.record("read \(algorithms.count) algorithms from \(hostile.file)")
        } catch {
            #expect(!error.cannotOpen)
            #expect(error.description.hasPrefix(path + ": "))
            #expect(!error.description.contains("\n"))
            for words in hostile.says { #expect(error.description.contains(words), "\(error.description)") }
        }
    }

    @Test func everyCraftedFileHasACase() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".FLM") || $0.hasSuffix(".yaml") }
        let covered = Set(
            Self.cases.map(\.file) + [
                "flm-minimal-valid.FLM", "yaml-minimal-valid.yaml", "flm-slow-program-page.FLM",
                "flm-long-symbol-name.FLM", "fuzz-yaml-anchor-before-colon.yaml",
            ])
        #expect(Set(names) == covered)
    }

    @Test(arguments: ["flm-minimal-valid.FLM", "yaml-minimal-valid.yaml", "flm-slow-program-page.FLM"])
    func theControlsLoad(_ name: String) throws {
        let algorithm = try #require(try AlgorithmFile.load(Self.path(name)).first)
        #expect(algorithm.start == 0x0800_0000 && algorithm.end == 0x0808_0000)
        #expect(algorithm.pageSize == 0x400 && algorithm.sectors == [.init(size: 0x800, address: 0)])
    }

    /// probe-rs's own file with one sector moved to 0x80000000 (trapped `algo list` before).
    @Test(.enabled(if: Fixtures.hasProbeRs, "needs shared/fixtures/probe-rs beside the repository"))
    func theProbeRsFileWithASectorFarOutside() throws {
        let text = try String(contentsOfFile: Fixtures.probeRsPath, encoding: .utf8)
        let range = try #require(text.range(of: "      address: 0x0\n"))
        let damaged = text.replacingCharacters(in: range, with: "      address: 0x80000000\n")
        #expect(throws: AlgorithmFileError.self) { try ProbeRsTargetReader.read(damaged, file: "damaged.yaml") }
        #expect(try ProbeRsTargetReader.read(text, file: "intact.yaml").count == 6)
    }

    @Test func aBlobLargerThanTheEmulatedRAMIsRefused() throws {
        let blob = String(repeating: "AAAA", count: Int(Emulator.ramSize) / 3 + 4)
        let yaml = try String(contentsOfFile: Self.path("yaml-minimal-valid.yaml"), encoding: .utf8)
            .replacingOccurrences(of: #"instructions: \S+"#, with: "instructions: \(blob)", options: .regularExpression)
        #expect(yaml.contains(blob))
        #expect {
            try ProbeRsTargetReader.read(yaml, file: "big.yaml")
        } throws: { error in
            (error as? AlgorithmFileError)?.reason.contains("more than the 262144-byte emulated RAM") == true
        }
    }

    @Test func aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(AlgorithmLimits.maximumFileSize) + 1)
        try handle.close()
        #expect {
            try AlgorithmFile.load(url.path)
        } throws: { error in
            (error as? AlgorithmFileError)?.reason
                == "larger than the \(AlgorithmLimits.maximumFileSize)-byte limit for algorithm files"
        }
    }

    /// Long names are cut, so a string table without a NUL cannot be copied once per symbol.
    @Test func namesAreCutAtTheLimit() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.path("flm-long-symbol-name.FLM"))))
        let elf = try ELFObject(bytes: bytes, file: "long.FLM")
        let longest = elf.symbols.map(\.name.utf8.count).max()
        #expect(longest == ELFObject.maximumNameLength)
        #expect(try FLMReader.read(bytes, file: "long.FLM").programPageOffset == 9)
    }
}
