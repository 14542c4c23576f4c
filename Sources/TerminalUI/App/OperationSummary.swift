import FlashCore

/// One line about an operation's result, for the status line.
enum OperationSummary {
    static func text(_ result: OperationResult, title: String) -> StatusMessage {
        if let error = result.errors.first {
            return StatusMessage("\(title): \(error.flag) at \(hex(error.address)): \(error.explanation)", isError: true)
        }
        if let failed = result.failedCalls.first { return StatusMessage("\(title): \(failed)", isError: true) }
        if result.kind == .optionBytes || result.kind == .launch {
            return StatusMessage("\(title): done in \(formatDuration(result.deviceTime))")
        }
        return StatusMessage("\(title): \(result.summary), \(formatDuration(result.deviceTime))",
                             isError: result.collateralBytes > 0)
    }

    /// Lines for a confirmation: what a plan of the operation says it would do.
    static func planLines(_ result: OperationResult) -> [String] {
        var lines: [String] = []
        if let first = result.erased.first, let last = result.erased.last {
            let range = "\(hex(first.pageAddress))–\(hex(last.pageAddress + last.pageSize - 1))"
            lines.append(result.erased.count == 1
                ? "erases PNB \(first.pnb) BKER \(first.bker): \(range)"
                : "erases \(result.erased.count) pages: \(range)")
        }
        if result.bytesProgrammed > 0 { lines.append("programs \(result.bytesProgrammed) bytes") }
        if result.collateralBytes > 0 { lines.append("destroys \(result.collateralBytes) bytes outside the request") }
        for error in result.errors.prefix(2) { lines.append("\(error.flag) at \(hex(error.address))") }
        lines.append(contentsOf: result.failedCalls.prefix(1))
        return lines
    }
}
