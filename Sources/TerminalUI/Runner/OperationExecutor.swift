import FlashCore
import Foundation
import TerminalKit

/// Works through operation jobs on a thread of their own, so the update loop keeps drawing and
/// reading keys. Progress and the outcome go to `send` as messages; `cancel` is cooperative: the
/// engine asks after every sector whether to go on.
package final class OperationExecutor: @unchecked Sendable {
    private let offers: [any OfferedAlgorithm]
    private let send: @Sendable (AppMsg) -> Void
    private let condition = NSCondition()
    /// The job working now and whether it was asked to stop; guarded by `condition`.
    private var current: (id: Int, cancelled: Bool)?

    package init(offering offers: [any OfferedAlgorithm], send: @escaping @Sendable (AppMsg) -> Void) {
        self.offers = offers
        self.send = send
    }

    /// Whether a job is working (its finish may not have been taken by the loop yet).
    package var isBusy: Bool {
        condition.lock()
        defer { condition.unlock() }
        return current != nil
    }

    /// Starts `job` once the one before it (if any) has ended.
    package func start(_ job: OperationJob) {
        let offers = offers
        launch(id: job.id) { observe in
            .operationFinished(id: job.id, job.run(offering: offers, observe: observe))
        }
    }

    /// Starts a comparison the same way: one job at a time, cancelled the same way.
    package func start(_ job: ComparisonJob) {
        launch(id: job.id) { observe in .comparisonFinished(id: job.id, job.run(observe: observe)) }
    }

    /// Runs `body` on a thread of its own; it hears progress through the observer it is given
    /// and answers the message that says how it ended (sent as `.cancelled` if cancel came late).
    private func launch(id: Int, _ body: @escaping @Sendable (@escaping ProgressObserver) -> AppMsg) {
        waitUntilIdle()
        condition.lock()
        current = (id, false)
        condition.unlock()
        let thread = Thread { [self] in work(id: id, body) }
        // Vendor algorithms run on Unicorn on this thread: give it a main thread's stack.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Asks the job `id` to stop at its next sector; it then reports `.cancelled`.
    package func cancel(_ id: Int) {
        condition.lock()
        defer { condition.unlock() }
        if current?.id == id { current?.cancelled = true }
    }

    /// Asks whatever is working to stop, and waits until it has.
    package func cancelAndWait() {
        condition.lock()
        current?.cancelled = true
        condition.unlock()
        waitUntilIdle()
    }

    package func waitUntilIdle() {
        condition.lock()
        defer { condition.unlock() }
        while current != nil { condition.wait() }
    }

    private func isCancelled(_ id: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return current?.id == id && current?.cancelled == true
    }

    private func work(id: Int, _ body: @Sendable (@escaping ProgressObserver) -> AppMsg) {
        var lastPercent = -1
        let ended = body { [self] done, total in
            // One message per percent: enough to draw, few enough never to swamp the loop.
            let percent = total > 0 ? done * 100 / total : 100
            if percent != lastPercent {
                lastPercent = percent
                send(.operationProgress(id: id, done: done, total: total))
            }
            return isCancelled(id) ? .stop : .proceed
        }
        // Cancelled after its last check (or a short job that has none): still thrown away.
        let message: AppMsg
        switch ended {
        case .operationFinished where isCancelled(id): message = .operationFinished(id: id, .cancelled)
        case .comparisonFinished where isCancelled(id): message = .comparisonFinished(id: id, .cancelled)
        default: message = ended
        }
        send(message)
        condition.lock()
        current = nil
        condition.broadcast()
        condition.unlock()
    }
}
