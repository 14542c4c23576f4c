import FlashCore
import TerminalKit

/// A real board the UI shows (`tui --attach`): its bytes arrive from the reader as they are read,
/// the reader is told what the user looks at, and with `--live` operations run on the chip.
extension App {
    static func attached(_ model: inout AppModel, _ event: AttachedEvent) {
        guard var view = model.attached else { return }
        defer { model.attached = view }
        switch event {
        case .board(let picture):
            view.read = picture.read
            view.refused = picture.refused
            view.done = picture.done
            view.total = picture.total
            view.readAt = picture.readAt
            view.board = picture.board
            if picture.state != model.machine.state { model.machine = Machine(state: picture.state) }
        case .log(let line):
            model.keep(StatusMessage(line))
        case .lost(let reason):
            view.lost = reason
            view.running = nil
            model.status = StatusMessage(
                "lost the board at \(view.server): \(reason); the screen shows it as last read", isError: true)
        case .liveFinished(let verdict):
            view.running = nil
            model.status = liveStatus(verdict)
            for note in verdict.notes { model.keep(StatusMessage(note)) }
            for divergence in verdict.divergences { model.keep(StatusMessage(divergence, isError: true)) }
            if !verdict.trace.isEmpty {
                model.lastTrace = SessionTrace(title: "\(verdict.title) on the chip", entries: verdict.trace)
            }
        }
    }

    /// The status line after a live operation: the verdict in words.
    private static func liveStatus(_ verdict: LiveVerdict) -> StatusMessage {
        let title = "\(verdict.title) on the chip"
        if let stopped = verdict.stopped { return StatusMessage("\(title): \(stopped)", isError: true) }
        let count = verdict.divergences.count
        if count > 0 {
            return StatusMessage(
                "\(title): the chip did NOT do what the model predicted: \(count) divergence\(count == 1 ? "" : "s") "
                    + "(m lists them)", isError: true)
        }
        if let failure = verdict.chipFailure {
            return StatusMessage("\(title): the chip reported an error, as predicted: \(failure)", isError: true)
        }
        return StatusMessage("\(title): the chip did what the model predicted (\(verdict.accesses) accesses)")
    }

    /// Tells the reader what the user looks at (the hex view's page, sector or area) when it changed.
    static func lookAt(_ model: inout AppModel) -> [AppEffect] {
        guard var view = model.attached, view.lost == nil, let (start, size) = hexRange(model), size > 0 else {
            return []
        }
        let range = AddressRange(from: start, to: start + (size - 1))
        guard view.lookingAt != range else { return [] }
        view.lookingAt = range
        model.attached = view
        return view.isRead(start, count: size) ? [] : [.readFirst(range)]
    }

    /// `R`: read the option registers and everything again, what is in view first.
    static func refreshBoard(_ model: inout AppModel) -> [AppEffect] {
        guard var view = model.attached else { return [] }
        guard view.lost == nil else {
            model.status = StatusMessage(
                "the connection to \(view.server) is gone: quit and attach again", isError: true)
            return []
        }
        view.read = []
        view.done = 0
        view.readAt = nil
        model.attached = view
        model.status = StatusMessage(
            "re-reading the board at \(view.server): the option registers, then what is in view")
        return [.refreshBoard(first: view.lookingAt)]
    }

    /// Keys that would change the device: an attached board changes only with `--live`, and only
    /// through the operations `--live` runs on the chip.
    static func refuseWhileAttached(_ model: inout AppModel, _ key: Key) -> Bool {
        guard let view = model.attached, AppKeys.normal.action(for: key) != nil,
            keyTable(for: model).action(for: key) == nil
        else { return false }
        model.status = StatusMessage(
            view.live
                ? "not on an attached board: E (a page), P and the option bytes run on the chip"
                : "the board at \(view.server) is read-only: start with --live (and --halt) to erase, program or "
                    + "change option bytes on the chip",
            isError: true)
        return true
    }

    /// Whether the prediction can run: every byte of `[start, start + count)` has been read. When
    /// not, the reader is asked for it and the status says to ask again.
    static func readBeforePredicting(_ model: inout AppModel, _ start: UInt32, count: UInt32) -> [AppEffect]? {
        guard let view = model.attached, !view.isRead(start, count: count) else { return nil }
        model.status = StatusMessage(
            "\(hex(start)) is not read yet: reading it first (the prediction needs it); ask again once it is read")
        return [.readFirst(AddressRange(from: start, to: start + (count - 1)))]
    }

    /// The question of a confirmation for the real chip: it names the chip and draws the prediction as a warning.
    static func onChip(_ confirmation: PendingConfirmation, _ view: AttachedView) -> PendingConfirmation {
        var out = confirmation
        let question =
            confirmation.question.hasSuffix("?") ? String(confirmation.question.dropLast()) : confirmation.question
        out.question = "\(question) on the REAL CHIP at \(view.server)?"
        out.details = ["predicted on the board as read:"] + confirmation.details
        out.onChip = true
        return out
    }

    /// D, S and an option edit on an attached board ask first, with the prediction, like an erase.
    static func confirmOnChip(_ model: inout AppModel, _ operation: DeviceOperation) -> [AppEffect] {
        guard let view = model.attached else { return [] }
        let confirmation = onChip(
            PendingConfirmation(
                question: operation.title.prefix(1).uppercased() + operation.title.dropFirst(), details: [],
                operation: operation), view)
        return start(&model, operation, .plan, confirming: confirmation)
    }

    /// A confirmed operation goes to the reader, which runs it on the chip and reports the verdict.
    static func runOnChip(_ model: inout AppModel, _ operation: DeviceOperation) -> [AppEffect] {
        guard var view = model.attached, view.live else { return [] }
        if let lost = view.lost {
            model.status = StatusMessage("the connection is gone (\(lost)): nothing runs on the chip", isError: true)
            return []
        }
        if let running = view.running {
            model.status = StatusMessage("\(running) is still running on the chip", isError: true)
            return []
        }
        view.running = operation.title
        model.attached = view
        model.status = StatusMessage("\(operation.title) on the chip at \(view.server)…")
        return [.runLive(operation)]
    }

    /// P on an attached board: the image must lie in the embedded flash (the only flash a live
    /// operation programs) and its pages must have been read; nil when it may be predicted.
    static func programOnChipRefused(_ model: inout AppModel, _ image: MemoryImage) -> [AppEffect]? {
        let layout = model.machine.layout
        for segment in image.segments where !segment.bytes.isEmpty {
            let last = segment.address &+ UInt32(segment.bytes.count - 1)
            guard FlashRegion.of(segment.address) == .flash, FlashRegion.of(last) == .flash,
                let first = try? layout.locate(segment.address), let end = try? layout.locate(last)
            else {
                model.status = StatusMessage(
                    "on an attached board P programs the embedded flash only: \(hex(segment.address)) is outside it",
                    isError: true)
                return []
            }
            let start = FlashLayout.nonSecureTwin(first.pageAddress)
            let stop = FlashLayout.nonSecureTwin(end.pageAddress) + end.pageSize
            if let reading = readBeforePredicting(&model, start, count: stop - start) { return reading }
        }
        return nil
    }
}
