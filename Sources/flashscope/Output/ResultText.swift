import DeviceStore
import FlashCore

/// Human-readable output of an operation result.
enum ResultText {
    static func render(_ result: OperationResult) -> String {
        var lines: [String] = []
        let verb = result.predicted ? "would" : "did"
        lines.append(
            "\(result.kind.rawValue) with \(result.algorithm): \(result.succeeded ? "ok" : "error")\(result.predicted ? " (predicted, nothing changed)" : "")"
        )
        for page in ErasedDescription.lines(result.erased) { lines.append("  erased    \(page)") }
        if result.bytesProgrammed > 0 { lines.append("  programmed \(result.bytesProgrammed) bytes of the image") }
        if result.bytesPreserved > 0 {
            lines.append("  preserved \(result.bytesPreserved) bytes outside the image that held data (rewritten)")
        }
        for change in result.optionChanges {
            lines.append(
                "  \(change.staged ? "staged   " : "option   ") \(change.text)\(change.staged ? " (pending until OBL_LAUNCH)" : "")"
            )
        }
        for error in result.errors {
            lines.append("  \(error.flag) at \(hex(error.address)): \(error.explanation)")
        }
        for call in result.failedCalls { lines.append("  failed    \(call)") }
        if !result.collateral.isEmpty {
            lines.append(
                "  collateral: \(result.collateralBytes) bytes outside the request held data and \(verb == "would" ? "would be" : "were") destroyed:"
            )
            // Runs of lost data split at erased bytes can be many; `--json` lists them all.
            let shown = 8
            for range in result.collateral.prefix(shown) {
                lines.append("    \(hex(range.from))–\(hex(range.to)) (\(range.count) bytes)")
            }
            if result.collateral.count > shown {
                let rest = result.collateral.dropFirst(shown)
                lines.append(
                    "    … \(rest.count) more runs, \(rest.reduce(0) { $0 + $1.count }) bytes, up to \(hex(rest.last?.to ?? 0))"
                )
            }
        }
        if let reset = result.reset {
            lines.append(
                "  reset     the device \(verb == "would" ? "would reset" : "reset") (\(reset.cause.rawValue)): "
                    + "option bytes reloaded, registers at their reset values")
            for effect in reset.effects { lines.append("            \(effect)") }
            lines.append(
                "            boots from \(hex(reset.boot.selection.address)) (\(reset.boot.selection.source.rawValue)): "
                    + "\(reset.boot.vectors)")
        }
        if let mismatches = result.verifyMismatches {
            lines.append(
                mismatches.isEmpty
                    ? "  verify    ok"
                    : "  verify    \(mismatches.count) range(s) differ, first at \(hex(mismatches[0].from))")
        }
        lines.append("  device time \(formatDuration(result.deviceTime)), \(result.accesses) bus accesses")
        return lines.joined(separator: "\n")
    }
}

extension OperationRecord {
    /// The journal entry for an operation's result.
    init(_ result: OperationResult, command: String, trace: [RenderedTraceEntry]) {
        self.init(
            kind: result.kind.rawValue, command: command, status: result.succeeded ? "ok" : "error",
            summary: result.summary, resultJSON: JSONOutput.string(JSONOutput.result(result)),
            trace: trace, traceTotal: result.accesses)
    }
}

/// What a debugger can reach, in words (`info`, `read`).
enum DebugAccessText {
    static func describe(_ access: DebugAccess) -> String {
        switch access {
        case .full: "full access (RDP level 0)"
        case .nonSecureOnly: "non-secure world only (RDP level 0.5)"
        case .noUserFlash: "the debug port works, but the user flash answers it with bus errors (RDP level 1)"
        case .none: "none: the debug port is disabled for good (RDP level 2)"
        }
    }
}
