import Synchronization

/// Guards against opening two curses sessions at once.
final class OpenFlag: Sendable {
    private let value = Atomic<Bool>(false)

    /// Sets the flag and returns what it was.
    func exchange(_ newValue: Bool) -> Bool { value.exchange(newValue, ordering: .acquiringAndReleasing) }

    func store(_ newValue: Bool) { value.store(newValue, ordering: .releasing) }
}
