import DeviceStore
import FlashCore

/// Human-readable output of an operation result.
enum ResultText {
    static func render(_ result: OperationResult) -> String {
        var lines: [String] = []
        lines.append(
            "\(headline(result)): \(result.succeeded ? "ok" : "error")\(result.predicted ? " (predicted, nothing changed)" : "")"
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
        // An OBL_LAUNCH takes no modelled time; "0 ns" would read as a measurement.
        let time = result.deviceTime == 0 ? "instant" : formatDuration(result.deviceTime)
        lines.append("  device time \(time), \(result.accesses) bus accesses")
        return lines.joined(separator: "\n")
    }

    /// `program with bank-aware`; an option sequence names the fields it changed instead of
    /// repeating itself (`option-bytes: SWAP_BANK 0 → 1`), as does a launch.
    static func headline(_ result: OperationResult) -> String {
        switch result.kind {
        case .optionBytes, .launch:
            let fields = result.optionChanges.map(\.text)
            return
                "\(result.kind.rawValue): \(fields.isEmpty ? "no option field changed" : fields.joined(separator: ", "))"
        default:
            return "\(result.kind.rawValue) with \(result.algorithm)"
        }
    }
}

extension OperationRecord {
    /// The journal entry for an operation's result.
    /// `subject` (the file programmed) leads the summary: `app.hex: 3 pages erased, ...`.
    init(_ result: OperationResult, command: String, trace: [RenderedTraceEntry], subject: String? = nil) {
        self.init(
            kind: result.kind.rawValue, command: command, status: result.succeeded ? "ok" : "error",
            summary: subject.map { "\($0): \(result.summary)" } ?? result.summary,
            resultJSON: JSONOutput.string(JSONOutput.result(result)),
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
