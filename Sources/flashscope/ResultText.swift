import DeviceStore
import FlashCore

/// Human-readable output of an operation result.
enum ResultText {
    static func render(_ result: OperationResult) -> String {
        var lines: [String] = []
        let verb = result.predicted ? "would" : "did"
        lines.append("\(result.kind.rawValue) with \(result.algorithm): \(result.succeeded ? "ok" : "error")\(result.predicted ? " (predicted, nothing changed)" : "")")
        for page in compactErased(result.erased) { lines.append("  erased    \(page)") }
        if result.bytesProgrammed > 0 { lines.append("  programmed \(result.bytesProgrammed) bytes") }
        for error in result.errors {
            lines.append("  \(error.flag) at \(hex(error.address)): \(error.explanation)")
        }
        for call in result.failedCalls { lines.append("  failed    \(call)") }
        if !result.collateral.isEmpty {
            lines.append("  collateral: \(result.collateralBytes) bytes outside the request held data and \(verb == "would" ? "would be" : "were") destroyed:")
            for range in result.collateral { lines.append("    \(hex(range.from))–\(hex(range.to)) (\(range.count) bytes)") }
        }
        if let mismatches = result.verifyMismatches {
            lines.append(mismatches.isEmpty ? "  verify    ok" : "  verify    \(mismatches.count) range(s) differ, first at \(hex(mismatches[0].from))")
        }
        lines.append("  device time \(formatDuration(result.deviceTime)), \(result.accesses) bus accesses")
        return lines.joined(separator: "\n")
    }

    /// Runs of consecutive pages as one line each.
    private static func compactErased(_ pages: [ErasedPage]) -> [String] {
        var lines: [String] = []
        var index = 0
        while index < pages.count {
            var end = index
            while end + 1 < pages.count, pages[end + 1].region == pages[end].region, pages[end + 1].bker == pages[end].bker,
                  pages[end + 1].pageSize == pages[end].pageSize,
                  pages[end + 1].pnb == pages[end].pnb + 1,
                  pages[end + 1].pageAddress == pages[end].pageAddress + pages[end].pageSize {
                end += 1
            }
            let first = pages[index]
            let last = pages[end]
            if first.region == .ospi {
                let unit = first.pageSize == 0x1000 ? "sector" : first.pageSize == 0x1_0000 ? "block" : "chip"
                let numbers = index == end ? "\(first.pnb)" : "\(first.pnb)–\(last.pnb)"
                lines.append("OCTOSPI \(unit) \(unit == "chip" ? "" : numbers + " ")\(hex(first.pageAddress))–"
                    + "\(hex(last.pageAddress + last.pageSize - 1))")
                index = end + 1
                continue
            }
            let pnb = index == end ? "PNB \(first.pnb)" : "PNB \(first.pnb)–\(last.pnb)"
            lines.append("\(pnb) BKER \(first.bker) (physical bank \(first.physicalBank)): "
                + "\(hex(first.pageAddress))–\(hex(last.pageAddress + last.pageSize - 1)), \(first.pageSize / 1024) KB pages")
            index = end + 1
        }
        return lines
    }
}

extension OperationRecord {
    /// The journal entry for an operation's result.
    init(_ result: OperationResult, command: String, trace: [RenderedTraceEntry]) {
        self.init(kind: result.kind.rawValue, command: command, status: result.succeeded ? "ok" : "error",
                  summary: result.summary, resultJSON: JSONOutput.string(JSONOutput.result(result)),
                  trace: trace, traceTotal: result.accesses)
    }
}
