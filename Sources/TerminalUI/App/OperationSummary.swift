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
}
