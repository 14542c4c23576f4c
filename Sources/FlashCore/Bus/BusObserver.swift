/// Watches bus accesses as they complete: the terminal UI follows a served client with it and
/// holds the client at flash-controller accesses. Called on the thread that drives the bus; it
/// may block there (a client waiting for its answer simply waits).
package protocol BusObserver: AnyObject {
    /// An access to `address` completed (or faulted), after the trace recorded it.
    func busDidAccess(_ bus: Bus, address: UInt32, isWrite: Bool)
}
