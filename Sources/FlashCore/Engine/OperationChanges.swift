/// What an operation changed (or, for a plan, would change), taken once from its result, with
/// the words each front end prints: the one line of the history and the UI's status line, the
/// confirmation's lines, and the command line's report. The facts are the same in all three.
package struct OperationChanges: Equatable, Sendable {
    package var erased: [ErasedPage]
    package var bytesProgrammed: Int
    package var bytesPreserved: Int
    package var optionChanges: [OptionChange]
    package var collateral: [AddressRange]
    /// The first error flag and the failed entry points, which end the one line and the confirmation.
    package var errors: [OperationError]
    package var failedCalls: [String]
    package var predicted: Bool
    /// The system reset the operation caused (OBL_LAUNCH), if any.
    package var reset: ResetCause?

    package init(_ result: OperationResult) {
        erased = result.erased
        bytesProgrammed = result.bytesProgrammed
        bytesPreserved = result.bytesPreserved
        optionChanges = result.optionChanges
        collateral = result.collateral
        errors = result.errors
        failedCalls = result.failedCalls
        predicted = result.predicted
        reset = result.reset?.cause
    }

    package var collateralBytes: UInt64 { collateral.reduce(0) { $0 + $1.count } }

    /// One line: `2 pages erased (sent PNB 1 BKER 1, erased PNB 64 BKER 0 at 0x08040000), 10 bytes programmed, PROGERR at 0x08040000`.
    package var summary: String {
        var parts: [String] = ErasedDescription.counts(erased)
        if let odd = erased.first(where: \.sentOtherIndex), let pnb = odd.sentPNB, let bker = odd.sentBKER {
            parts[0] +=
                " (sent PNB \(pnb) BKER \(bker), erased PNB \(odd.pnb) BKER \(odd.bker) at \(hex(odd.pageAddress)))"
        }
        if bytesProgrammed > 0 { parts.append("\(bytesProgrammed) bytes programmed") }
        if bytesPreserved > 0 { parts.append("\(bytesPreserved) preserved bytes rewritten") }
        if !optionChanges.isEmpty { parts.append(OptionChange.summary(optionChanges)) }
        if let error = errors.first { parts.append("\(error.flag) at \(hex(error.address))") }
        if !collateral.isEmpty { parts.append("\(collateralBytes) bytes of collateral") }
        if let reset { parts.append("device reset (\(reset.rawValue))") }
        if parts.isEmpty { parts.append(errors.isEmpty && failedCalls.isEmpty ? "done" : "failed") }
        return parts.joined(separator: ", ")
    }

    /// For a confirmation, from a plan: `erases PNB 0 BKER 0: …`, `programs 5 bytes of the image`.
    package var planLines: [String] {
        var lines = ErasedDescription.planPhrases(erased)
        if bytesProgrammed > 0 { lines.append("programs \(bytesProgrammed) bytes of the image") }
        if bytesPreserved > 0 { lines.append("rewrites \(bytesPreserved) preserved bytes") }
        return lines
    }

    /// For a confirmation, from a plan: what goes wrong or is lost beyond the request (collateral,
    /// error flags, failed entry points). A front end shows these as warnings.
    package var planWarnings: [String] {
        var lines: [String] = []
        if collateralBytes > 0 { lines.append("destroys \(collateralBytes) bytes outside the request") }
        for error in errors.prefix(2) { lines.append("\(error.flag) at \(hex(error.address))") }
        lines.append(contentsOf: failedCalls.prefix(1))
        return lines
    }

    /// The command line's report of the changes, indented as it prints them: erased runs,
    /// programmed and preserved bytes, option changes.
    package var reportLines: [String] {
        var lines = ErasedDescription.lines(erased).map { "  erased    \($0)" }
        if bytesProgrammed > 0 { lines.append("  programmed \(bytesProgrammed) bytes of the image") }
        if bytesPreserved > 0 {
            lines.append("  preserved \(bytesPreserved) bytes outside the image that held data (rewritten)")
        }
        for change in optionChanges {
            lines.append(
                change.staged
                    ? "  staged    \(change.text) (pending until OBL_LAUNCH)" : "  option    \(change.text)")
        }
        return lines
    }

    /// The command line's collateral block: the bytes lost outside the request, the first runs of them.
    package var collateralReport: [String] {
        guard !collateral.isEmpty else { return [] }
        var lines = [
            "  collateral: \(collateralBytes) bytes outside the request held data and \(predicted ? "would be" : "were") destroyed:"
        ]
        // Runs of lost data split at erased bytes can be many; `--json` lists them all.
        let shown = 8
        for range in collateral.prefix(shown) {
            lines.append("    \(hex(range.from))–\(hex(range.to)) (\(range.count) bytes)")
        }
        if collateral.count > shown {
            let rest = collateral.dropFirst(shown)
            lines.append(
                "    … \(rest.count) more runs, \(rest.reduce(0) { $0 + $1.count }) bytes, up to \(hex(rest.last?.to ?? 0))"
            )
        }
        return lines
    }
}

extension OperationResult {
    /// What the operation changed, in the words every front end shares.
    package var changes: OperationChanges { OperationChanges(self) }
}
