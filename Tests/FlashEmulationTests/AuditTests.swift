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
        // 12 layouts and TrustZone settings, plus RDP level 1 on the factory layout.
        #expect(report.configurations.count == 13)
        #expect(report.configurations.last?.rdp == 0xBB)
        #expect(report.notes.count == 1 && report.notes[0].contains("bus fault on 0x40022028"))
        #expect(!report.findings.contains { $0.kind == .unlocksTwice }, "it reads LOCK before unlocking")
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

    /// Reference §8: the probe writes the keys without reading LOCK, so with NSCR left unlocked its
    /// Init faults; its EraseChip launches the option bytes and never returns.
    @Test func theProbeUnlocksTwiceAndResetsTheChip() throws {
        let vendor = try #require(try AlgorithmFile.load(Fixtures.protectionProbePath).first)
        let report = try AlgorithmAudit(vendor).run()
        let twice = report.findings.filter { $0.kind == .unlocksTwice }
        #expect(twice.map(\.configuration.tzen) == [false, true])
        #expect(twice.allSatisfy { $0.did.contains("wrote the key sequence to NSKEYR again") })
        #expect(
            report.findings.contains {
                $0.kind == .callFailed && $0.call == "EraseChip" && $0.did.contains("reset by OBL_LAUNCH")
            })
    }

    /// The Keil algorithms write the keys without reading LOCK (found by emulation); the non-secure
    /// one under TZEN=1 returns 0 while PGSERR stands in NSSR; at RDP level 1 both fault on the erase.
    @Test(.enabled(if: Fixtures.hasProbeRs, "needs shared/fixtures/probe-rs"))
    func keilAlgorithmsUnderTheProtectionRules() throws {
        let nonSecure = try AlgorithmAudit(try Fixtures.probeRs("stm32l5x_512_0800")).run()
        #expect(
            nonSecure.findings.filter { $0.kind == .unlocksTwice }.map { $0.did.contains("NSKEYR") } == [true, false],
            "TZEN=0 through NSKEYR, TZEN=1 through SECKEYR")
        let silent = nonSecure.findings.filter { $0.kind == .silentError }
        #expect(!silent.isEmpty && silent.allSatisfy { $0.configuration.tzen && $0.did.contains("PGSERR") })
        #expect(nonSecure.notes.first?.contains("RDP level 1 (0xBB): EraseSector(0x08000000) faulted") == true)
        #expect(!nonSecure.findings.contains { $0.kind == .readoutProtection })
        let secure = try AlgorithmAudit(try Fixtures.probeRs("stm32l5x_512_0c00")).run()
        #expect(secure.findings.filter { $0.kind == .unlocksTwice }.map { $0.did.contains("SECKEYR") } == [true])
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
        // Dual bank, no swap, no TrustZone: the algorithm and bank-aware agree, but for unlocking
        // an NSCR left unlocked (keilAlgorithmsUnderTheProtectionRules).
        #expect(
            !report.findings.contains {
                $0.configuration.dbank && !$0.configuration.swapBank && !$0.configuration.tzen
                    && $0.kind != .unlocksTwice
            })
    }
}
