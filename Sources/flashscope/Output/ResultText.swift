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
        if let reset = result.reset {
            lines.append(
                "  reset     the device \(result.predicted ? "would reset" : "reset") (\(reset.cause.rawValue)): "
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
