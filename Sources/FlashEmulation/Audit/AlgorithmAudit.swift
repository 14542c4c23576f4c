import FlashCore

/// Runs a vendor algorithm across the configurations that matter on scratch devices and
/// compares each erase and program with the model's own bank-aware algorithm.
///
/// Every device starts with every byte programmed (a pattern without 0xFF), so any byte an
/// operation erases or rewrites shows. The sectors checked in each configuration are the
/// first two, the two either side of the middle of the flash (the bank boundary when
/// DBANK=1) and the last, as the algorithm declares them.
package final class AlgorithmAudit {
    package let vendor: VendorAlgorithm
    /// Called after each configuration with (done, total).
    package var progress: ((Int, Int) -> Void)?

    package init(_ vendor: VendorAlgorithm) {
        self.vendor = vendor
    }

    /// The configurations in which the algorithm's alias makes sense: the non-secure alias
    /// with TZEN 0 and 1, the secure alias with TZEN=1 only; each flash size the declared
    /// range covers (the same 512 KB algorithm is used for 256 KB parts).
    package var configurations: [AuditConfiguration] {
        guard FlashRegion.of(vendor.start) == .flash else { return [] }
        let secureAlias = vendor.start & 0xFF00_0000 == FlashLayout.secureBase
        let declared = vendor.end - UInt64(vendor.start)
        var result: [AuditConfiguration] = []
        for part in [Part.stm32l552xE, .stm32l552xC] where declared >= UInt64(part.flashSize) {
            for tzen in secureAlias ? [true] : [false, true] {
                for dbank in [true, false] {
                    for swap in dbank ? [false, true] : [false] {
                        result.append(AuditConfiguration(part: part, dbank: dbank, swapBank: swap, tzen: tzen))
                    }
                }
            }
        }
        return result
    }

    package func run() throws(EmulatorSetupError) -> AuditReport {
        var report = AuditReport(algorithm: vendor.name, configurations: [], checks: 0, findings: [], skipped: [])
        let configurations = self.configurations
        if configurations.isEmpty {
            report.skipped.append(
                "\(vendor.name) is not for the embedded flash (range \(hex(vendor.start))); nothing to compare with bank-aware"
            )
        }
        for (index, configuration) in configurations.enumerated() {
            defer { progress?(index + 1, configurations.count) }
            report.configurations.append(configuration)
            let checker = AuditCheck(vendor: vendor, configuration: configuration)
            for sector in sampleSectors(for: configuration.part) {
                report.findings += try checker.erase(sector)
                report.findings += try checker.program(sector)
                report.checks += 2
            }
            report.findings += try checker.chipErase()
            report.checks += 1
        }
        try protectionChecks(into: &report)
        return report
    }

    /// Reference §8 on the factory layout: Init with the control registers left unlocked, for
    /// each TZEN the alias allows, and an erase and a program at RDP level 1.
    private func protectionChecks(into report: inout AuditReport) throws(EmulatorSetupError) {
        let bases = configurations.filter { $0.part == .stm32l552xE && $0.dbank && !$0.swapBank }
        for base in bases {
            report.findings += try AuditCheck(vendor: vendor, configuration: base).initWhileUnlocked()
            report.checks += 1
        }
        guard var protected = bases.first else { return }
        protected.rdp = ReadoutProtection.level1Code
        report.configurations.append(protected)
        let (findings, note) = try AuditCheck(vendor: vendor, configuration: protected).underReadoutProtection()
        report.findings += findings
        report.checks += 2
        if let note { report.notes.append(note) }
    }

    private func sampleSectors(for part: Part) -> [DeclaredSector] {
        let base = vendor.start
        let size = part.flashSize
        var picks: [DeclaredSector] = []
        for offset in [UInt32(0), vendor.sectors.first?.size ?? 0, size / 2 - 1, size / 2, size - 1] {
            guard let sector = vendor.sector(containing: base &+ offset), sector.end <= UInt64(base) + UInt64(size),
                !picks.contains(sector)
            else { continue }
            picks.append(sector)
        }
        return picks
    }
}
