import Foundation
import TerminalKit

/// Messages posted from other threads (a running operation, later a debug client) for the update
/// loop, which takes them between events in the order they came.
package final class Mailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [AppMsg] = []

    package init() {}

    /// Queues a message. Progress replaces progress of the same operation not yet taken, so a
    /// fast operation cannot pile up frames the loop would draw late.
    package func post(_ msg: AppMsg) {
        lock.lock()
        defer { lock.unlock() }
        if case .operationProgress(let id, _, _) = msg, case .operationProgress(id, _, _)? = messages.last {
            messages[messages.count - 1] = msg
        } else if case .served(.changed) = msg, case .served(.changed)? = messages.last {
            // Likewise a served chip's newer picture replaces an older one not yet drawn.
            messages[messages.count - 1] = msg
        } else if case .attached(.board) = msg, case .attached(.board)? = messages.last {
            // And an attached board's newer picture an older one.
            messages[messages.count - 1] = msg
        } else {
            messages.append(msg)
        }
    }

    /// Everything posted so far, leaving none.
    package func take() -> [AppMsg] {
        lock.lock()
        defer { lock.unlock() }
        let taken = messages
        messages.removeAll()
        return taken
    }
}
