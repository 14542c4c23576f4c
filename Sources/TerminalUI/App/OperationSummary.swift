import FlashCore
import TerminalKit

/// One line about an operation's result, for the status line.
enum OperationSummary {
    static func text(_ result: OperationResult, title: String) -> StatusMessage {
        if let error = result.errors.first {
            return StatusMessage(
                "\(title): \(error.flag) at \(hex(error.address)): \(error.explanation)", isError: true)
        }
        if let failed = result.failedCalls.first { return StatusMessage("\(title): \(failed)", isError: true) }
        if result.kind == .optionBytes || result.kind == .launch {
            let changes =
                result.optionChanges.isEmpty ? "no option field changed" : OptionChange.summary(result.optionChanges)
            return StatusMessage("\(title): \(changes), \(formatDuration(result.deviceTime))")
        }
        return StatusMessage(
            "\(title): \(result.summary), \(formatDuration(result.deviceTime))",
            isError: result.collateralBytes > 0)
    }

    /// Lines for a confirmation: what a plan of the operation says it would do.
    static func planLines(_ result: OperationResult) -> [String] {
        var lines: [String] = []
        lines.append(contentsOf: ErasedDescription.planPhrases(result.erased))
        if result.bytesProgrammed > 0 { lines.append("programs \(result.bytesProgrammed) bytes of the image") }
        if result.bytesPreserved > 0 { lines.append("rewrites \(result.bytesPreserved) preserved bytes") }
        if result.collateralBytes > 0 { lines.append("destroys \(result.collateralBytes) bytes outside the request") }
        for error in result.errors.prefix(2) { lines.append("\(error.flag) at \(hex(error.address))") }
        lines.append(contentsOf: result.failedCalls.prefix(1))
        return lines
    }
}
