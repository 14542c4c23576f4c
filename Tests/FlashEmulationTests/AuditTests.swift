import FlashCore
import FlashEmulation
import Testing

@Suite(.enabled(if: Emulator.isAvailable, "needs libunicorn2"))
struct AuditTests {
    /// The test algorithm is right in dual-bank mode (with or without SWAP_BANK), declares
    /// 2 KB sectors (so DBANK=0 costs the neighbouring 2 KB) and refuses TZEN=1 in Init.
    @Test func testAlgorithmFindingsAreExactlyTheKnownOnes() throws {
        let vendor = try #require(try AlgorithmFile.load(Fixtures.testAlgorithmPath).first)
        let report = try AlgorithmAudit(vendor).run()
        #expect(report.configurations.count == 12)
        let clean = report.findings.filter { $0.configuration.dbank && !$0.configuration.tzen }
        #expect(clean.isEmpty, "\(clean.map(\.did))")
        for finding in report.findings where !finding.configuration.dbank && !finding.configuration.tzen {
            #expect([.erasedOutsideSector, .programDiffers].contains(finding.kind))
            #expect(finding.bytesAtRisk == 2048)
        }
        let zeroOutside = report.findings.first {
            $0.kind == .erasedOutsideSector && $0.call == "EraseSector(0x08000000)"
                && $0.configuration.part == .stm32l552xE
        }
        #expect(zeroOutside?.evidence == [AddressRange(from: 0x0800_0800, to: 0x0800_0FFF)])
        let trustZone = report.findings.filter { $0.configuration.tzen }
        #expect(
            !trustZone.isEmpty && trustZone.contains { $0.kind == .callFailed && $0.did == "Init(erase) returned 1" })
    }

    /// Reference §7: with DBANK=0, erasing one declared 2 KB sector wipes the whole 4 KB page.
    @Test(.enabled(if: Fixtures.hasProbeRs, "needs shared/fixtures/probe-rs"))
    func keilAlgorithmWipesTheNeighbourWhenDBANKIsZero() throws {
        let report = try AlgorithmAudit(try Fixtures.probeRs("stm32l5x_512_0800")).run()
        let finding = try #require(
            report.findings.first {
                $0.kind == .erasedOutsideSector && $0.call == "EraseSector(0x08000800)" && !$0.configuration.dbank
                    && !$0.configuration.tzen && $0.configuration.part == .stm32l552xE
            })
        #expect(finding.evidence == [AddressRange(from: 0x0800_0000, to: 0x0800_07FF)])
        #expect(finding.bytesAtRisk == 2048)
        // §4.3 under SWAP_BANK=1: the swap-unaware algorithm erases the same page of the other bank.
        let swapped = report.findings.filter {
            $0.configuration.swapBank && !$0.configuration.tzen && $0.kind == .sectorNotErased
        }
        #expect(!swapped.isEmpty)
        // Dual bank, no swap, no TrustZone: the algorithm and bank-aware agree.
        #expect(
            !report.findings.contains { $0.configuration.dbank && !$0.configuration.swapBank && !$0.configuration.tzen }
        )
    }
}
