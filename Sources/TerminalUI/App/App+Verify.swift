import FlashCore
import TerminalKit

/// `v`: the flash against the loaded file, as `flashscope verify` says it: a summary on the status
/// line and one message per run of bytes with one cause, in the messages panel and the log viewer.
/// `v` and `d` compare off the update loop (a `ComparisonJob`, with progress and Esc to cancel);
/// the result is taken only if the flash and the file are still the ones it compared.
extension App {
    /// Runs kept for the messages; the summary counts them all.
    static let verifyRunsListed = 8

    /// `v` or `d`: hands the comparison to the runner, or says why there is nothing to compare.
    static func startComparison(_ model: inout AppModel, _ purpose: ComparisonJob.Purpose) -> [AppEffect] {
        guard let file = model.loadedFile else {
            model.status = StatusMessage(
                purpose == .verify
                    ? "no file loaded to verify: P reads one (n at its question keeps it loaded, unprogrammed)"
                    : "no file loaded to compare with: P reads one", isError: true)
            return []
        }
        guard model.running == nil else { return [] }
        let job = ComparisonJob(
            id: model.nextJobID, purpose: purpose, file: file, before: model.shownMachine.state,
            generation: model.contentsGeneration)
        model.nextJobID += 1
        model.running = RunningOperation(comparison: job)
        return [.startComparison(job)]
    }

    /// A comparison ended: the verify messages or the diff view, if it is still the running one.
    static func compared(_ model: inout AppModel, id: Int, _ outcome: ComparisonOutcome) {
        guard let running = model.running, case .comparison(let job) = running.work, job.id == id else { return }
        model.running = nil
        switch outcome {
        case .cancelled:
            model.status = StatusMessage("cancelled: \(job.title)")
        case .failed(let text):
            model.status = StatusMessage(text, isError: true)
        case .finished(let comparison) where comparison.isEqual:
            model.status = StatusMessage("\(job.file.name): the flash holds all \(comparison.bytesCompared) bytes")
        case .finished(let comparison):
            switch job.purpose {
            case .verify: showVerified(&model, comparison, file: job.file)
            case .diff: openDiffView(&model, comparison, file: job.file)
            }
        }
    }

    /// A comparison whose flash or file was replaced while it ran (the device changed on disk, a
    /// served client wrote) answers for what is gone: it is stopped and its result will be dropped.
    static func dropStaleComparison(_ model: inout AppModel) -> [AppEffect] {
        guard let running = model.running, case .comparison(let job) = running.work,
            job.generation != model.contentsGeneration
        else { return [] }
        model.running = nil
        model.status = StatusMessage(
            "\(job.title) stopped: the flash or the file changed while it compared; press \(job.purpose == .verify ? "v" : "d") again"
        )
        return [.cancelOperation(id: job.id)]
    }

    private static func showVerified(_ model: inout AppModel, _ comparison: ImageComparison, file: LoadedFile) {
        let ranges = comparison.ranges.count
        model.status = StatusMessage(
            "\(file.name): \(comparison.bytesDiffering) of \(comparison.bytesCompared) bytes differ in \(ranges) "
                + "range\(ranges == 1 ? "" : "s") (each in the messages; ] goes to the next)", isError: true)
        for run in comparison.runs {
            model.keep(StatusMessage("  " + runText(run), isError: true))
        }
        let more = comparison.runCount - comparison.runs.count
        if more > 0 { model.keep(StatusMessage("  … and \(more) more range\(more == 1 ? "" : "s")")) }
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
