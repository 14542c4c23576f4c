/// Where a gdb `load` spends the server's time, measured by the server itself and logged at
/// vFlashDone (scripts/bench-gdb reads it): the vFlash packets' decoding and collection as they
/// arrive, and the engine's run at vFlashDone. Host time, never the model's clock.
struct GDBLoadTimings {
    private(set) var packets = 0
    private(set) var bytes = 0
    private(set) var collecting = Duration.zero
    private(set) var engine = Duration.zero

    /// One batch of bytes from gdb during a load (decoding, unescaping, collecting), and how long it took.
    mutating func collected(bytes count: Int, in duration: Duration) {
        collecting += duration
        packets += 1
        bytes += count
    }

    /// The engine's run at vFlashDone.
    mutating func ranEngine(in duration: Duration) { engine += duration }

    var summary: String {
        "load timings: \(packets) batches (\(bytes) bytes) decoded and collected in "
            + "\(Self.milliseconds(collecting)), engine \(Self.milliseconds(engine))"
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
    }
}
