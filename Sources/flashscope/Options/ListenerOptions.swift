import ArgumentParser
import FlashCore

/// `--remote-bitbang PORT`, `--gdb PORT`, `--algorithm NAME`, `--bind ADDRESS`, `--clock host|wire`: the debug listeners
/// `serve` opens, and `tui` beside its screen.
struct ListenerOptions: ParsableArguments {
    @Option(
        name: .customLong("remote-bitbang"),
        help: ArgumentHelp("TCP port for OpenOCD's remote_bitbang adapter.", valueName: "port"))
    var remoteBitbang: UInt16?

    @Option(help: ArgumentHelp("TCP port for gdb's remote protocol (`target extended-remote`).", valueName: "port"))
    var gdb: UInt16?

    @Option(
        help: ArgumentHelp(
            "The flash algorithm gdb's `load` uses: \(FlashEngine.algorithmNames.joined(separator: ", ")).",
            valueName: "name"))
    var algorithm: String = FlashEngine.defaultAlgorithm

    @Option(
        help: ArgumentHelp("Address to listen on (IPv4). Default: 127.0.0.1, this machine only.", valueName: "address"))
    var bind = "127.0.0.1"

    @Option(
        help: ArgumentHelp(
            "How the chip's time passes: host (a page erase is done 22 ms after it starts, however seldom the "
                + "client looks) or wire (only TCK edges, gdb requests and the core's instructions move it, so a "
                + "run repeats exactly).",
            valueName: "host|wire"))
    var clock: ServeClock = .host

    /// Whether any listener was asked for.
    var any: Bool { remoteBitbang != nil || gdb != nil }

    func validate() throws {
        if !FlashEngine.algorithmNames.contains(algorithm) {
            throw ValidationError(
                "no algorithm named '\(algorithm)' (known: \(FlashEngine.algorithmNames.joined(separator: ", ")))")
        }
    }
}

extension ServeClock: ExpressibleByArgument {}
