import FlashCore

extension DebugTarget {
    /// Runs a running core for up to `instructions` and says whether the slice reached the bus.
    /// A slice that made no bus access only computed or spun on SRAM (OpenOCD's flash loader
    /// waiting for its FIFO): running it again at once changes nothing the client can see until
    /// the client writes, so the server may wait for the client first.
    @discardableResult
    package func runSlice(instructions: UInt64) -> Bool {
        let accesses = machine.trace.count
        core.advance(instructions: instructions)
        return machine.trace.count != accesses
    }
}
