import FlashCore
import FlashEmulation

/// Human and JSON renderings of vendor algorithms.
enum AlgorithmText {
    static func render(_ algorithm: VendorAlgorithm) -> String {
        var lines = ["\(algorithm.name)\(algorithm.summary.isEmpty ? "" : "  (\(algorithm.summary))")"]
        lines.append(
            "  source      \(algorithm.source.rawValue), \(algorithm.blob.count) bytes loaded at \(hex(algorithm.loadAddress)), static base +\(hexOffset(algorithm.dataSectionOffset))"
        )
        lines.append(
            "  range       \(hex(algorithm.start))–\(hex(algorithm.addressRange.upperBound)) (\(sizeText(algorithm.end - min(algorithm.end, UInt64(algorithm.start)))))"
        )
        lines.append(
            "  page size   \(sizeText(UInt64(algorithm.pageSize)))   erased value \(hexByte(algorithm.erasedByte))")
        let entries: [(String, UInt32?)] = [
            ("Init", algorithm.initOffset), ("UnInit", algorithm.uninitOffset),
            ("EraseSector", algorithm.eraseSectorOffset),
            ("ProgramPage", algorithm.programPageOffset), ("EraseChip", algorithm.eraseChipOffset),
        ]
        lines.append(
            "  entries     "
                + entries.map { "\($0.0) \($0.1.map { "+" + hexOffset($0) } ?? "none")" }.joined(separator: ", "))
        lines.append("  sectors")
        for (index, run) in algorithm.sectors.enumerated() {
            // The readers keep runs in order inside the range; a value built otherwise shows 0, not a trap.
            let next =
                index + 1 < algorithm.sectors.count
                ? UInt64(algorithm.sectors[index + 1].address)
                : algorithm.end - min(algorithm.end, UInt64(algorithm.start))
            let count = next > UInt64(run.address) && run.size > 0 ? (next - UInt64(run.address)) / UInt64(run.size) : 0
            lines.append(
                "    from \(hex(UInt32(truncatingIfNeeded: UInt64(algorithm.start) + UInt64(run.address)))): \(count) × \(sizeText(UInt64(run.size)))"
            )
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ algorithm: VendorAlgorithm) -> [String: Any] {
        var entries: [String: String] = [
            "ProgramPage": hexOffset(algorithm.programPageOffset),
            "EraseSector": hexOffset(algorithm.eraseSectorOffset),
        ]
        if let offset = algorithm.initOffset { entries["Init"] = hexOffset(offset) }
        if let offset = algorithm.uninitOffset { entries["UnInit"] = hexOffset(offset) }
        if let offset = algorithm.eraseChipOffset { entries["EraseChip"] = hexOffset(offset) }
        return [
            "name": algorithm.name, "description": algorithm.summary, "source": algorithm.source.rawValue,
            "loadAddress": hex(algorithm.loadAddress), "blobBytes": algorithm.blob.count,
            "staticBaseOffset": hexOffset(algorithm.dataSectionOffset), "entries": entries,
            "range": ["from": hex(algorithm.start), "to": hex(algorithm.addressRange.upperBound)],
            "pageSize": Int(algorithm.pageSize), "erasedByteValue": Int(algorithm.erasedByte),
            "sectors": algorithm.sectors.map { ["address": hex(algorithm.start &+ $0.address), "size": Int($0.size)] },
        ]
    }

    static func hexOffset(_ value: UInt32) -> String { "0x" + String(value, radix: 16, uppercase: true) }

    static func hexByte(_ value: UInt8) -> String { "0x" + String(value, radix: 16, uppercase: true) }

    static func sizeText(_ bytes: UInt64) -> String {
        if bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 { return "\(bytes / 1024 / 1024) MB" }
        if bytes >= 1024 && bytes % 1024 == 0 { return "\(bytes / 1024) KiB" }
        return "\(bytes) B"
    }
}

/// Human and JSON renderings of audit reports.
enum AuditText {
    static func render(_ report: AuditReport) -> String {
        var lines = [
            "\(report.algorithm): \(report.checks) requests in \(report.configurations.count) configurations compared with bank-aware; \(report.findings.count) finding\(report.findings.count == 1 ? "" : "s")"
        ]
        lines += report.skipped.map { "  skipped: \($0)" }
        lines += report.notes.map { "  note: \($0)" }
        for finding in report.findings {
            lines.append("")
            lines.append("  [\(finding.kind.rawValue)] \(finding.configuration)")
            lines.append("    call      \(finding.call)")
            lines.append("    did       \(finding.did)")
            lines.append("    expected  \(finding.expected)")
            if finding.bytesAtRisk > 0 { lines.append("    at risk   \(finding.bytesAtRisk) bytes") }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ report: AuditReport) -> [String: Any] {
        [
            "algorithm": report.algorithm, "checks": report.checks,
            "configurations": report.configurations.map(\.description), "skipped": report.skipped,
            "notes": report.notes,
            "findings": report.findings.map { finding -> [String: Any] in
                [
                    "kind": finding.kind.rawValue, "configuration": finding.configuration.description,
                    "part": finding.configuration.part.name, "dbank": finding.configuration.dbank ? 1 : 0,
                    "swapBank": finding.configuration.swapBank ? 1 : 0, "tzen": finding.configuration.tzen ? 1 : 0,
                    "rdp": OptionField.rdp.text(finding.configuration.rdp),
                    "call": finding.call, "address": hex(finding.address), "did": finding.did,
                    "expected": finding.expected,
                    "bytesAtRisk": Int(finding.bytesAtRisk), "evidence": finding.evidence.map(JSONOutput.range),
                ]
            },
        ]
    }
}
