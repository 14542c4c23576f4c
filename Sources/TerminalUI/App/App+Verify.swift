import FlashCore
import TerminalKit

/// `v`: the flash against the loaded file, as `flashscope verify` says it: a summary on the status
/// line and one message per run of bytes with one cause, in the messages panel and the log viewer.
extension App {
    /// Runs kept for the messages; the summary counts them all.
    static let verifyRunsListed = 8

    static func verifyLoadedFile(_ model: inout AppModel) {
        guard let file = model.loadedFile else {
            model.status = StatusMessage(
                "no file loaded to verify: P reads one (n at its question keeps it loaded, unprogrammed)", isError: true
            )
            return
        }
        let comparison: ImageComparison
        do {
            comparison = try FlashEngine(machine: model.shownMachine).compare(
                with: file.image, keepingFirst: verifyRunsListed)
        } catch {
            model.status = StatusMessage("verify \(file.name): \(error)", isError: true)
            return
        }
        guard !comparison.isEqual else {
            model.status = StatusMessage("\(file.name): the flash holds all \(comparison.bytesCompared) bytes")
            return
        }
        let ranges = comparison.ranges.count
        model.status = StatusMessage(
            "\(file.name): \(comparison.bytesDiffering) of \(comparison.bytesCompared) bytes differ in \(ranges) "
                + "range\(ranges == 1 ? "" : "s") (each in the messages; ] goes to the next)", isError: true)
        for run in comparison.runs {
            model.messages.append(StatusMessage("  " + runText(run), isError: true))
        }
        let more = comparison.runCount - comparison.runs.count
        if more > 0 { model.messages.append(StatusMessage("  … and \(more) more range\(more == 1 ? "" : "s")")) }
        if model.messages.count > AppModel.messageLimit {
            model.messages.removeFirst(model.messages.count - AppModel.messageLimit)
        }
        if let first = comparison.runs.first {
            model.jumpedFrom = model.cursor
            model.cursor = first.range.from
        }
    }

    private static func runText(_ run: ImageComparison.Run) -> String {
        let range = run.range
        let count = Int(range.to - range.from) + 1
        let place = count == 1 ? hex(range.from) : "\(hex(range.from))–\(hex(range.to)) (\(count) bytes)"
        return "\(place): file \(byteText(run.first.expected)), flash \(byteText(run.first.actual))"
            + "\(count == 1 ? "" : " at the first") — \(run.cause.text)"
    }

    private static func byteText(_ value: UInt8) -> String {
        "0x" + (value < 16 ? "0" : "") + String(value, radix: 16, uppercase: true)
    }
}
