import DeviceStore
import FlashCore

/// Human-readable output of an operation result.
enum ResultText {
    static func render(_ result: OperationResult) -> String {
        var lines: [String] = []
        lines.append(
            "\(result.kind.rawValue) with \(result.algorithm): \(result.succeeded ? "ok" : "error")\(result.predicted ? " (predicted, nothing changed)" : "")"
        )
        let changes = result.changes
        lines += changes.reportLines
        for error in result.errors {
            lines.append("  \(error.flag) at \(hex(error.address)): \(error.explanation)")
        }
        for call in result.failedCalls { lines.append("  failed    \(call)") }
        lines += changes.collateralReport
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
