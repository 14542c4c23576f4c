/// The way a debug client's accesses reach the bus when the chip is served (`flashscope serve`):
/// the trace names it on each access the client makes, beside the PC that names the core's.
package enum DebuggerPath: UInt8, Sendable, CaseIterable {
    /// OpenOCD over remote_bitbang: JTAG into the JTAG-DP, then the AHB access port.
    case jtagAccessPort = 1
    /// gdb's remote protocol, answered by FlashScope's own GDB server.
    case gdbRemote = 2

    /// `JTAG/AP`, `gdb`: how the trace names the path.
    package var name: String {
        switch self {
        case .jtagAccessPort: "JTAG/AP"
        case .gdbRemote: "gdb"
        }
    }
}
