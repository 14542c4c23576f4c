import FlashCore

/// What a vendor algorithm file may declare, so that reading it and running it stay bounded
/// by the data it carries rather than by the sizes it claims. Both readers refuse anything
/// beyond these with a one-line error, before allocating by a declared size.
///
/// - A file is at most `maximumFileSize` bytes (16 MiB; probe-rs's largest target files are
///   a few MB, FLMs tens of KB).
/// - The blob (code, initialised data and zero-initialised data) is at most the emulated
///   RAM, `Emulator.ramSize` (256 KB), since it is loaded there.
/// - The page size is 1 byte to `Emulator.ramSize`: ProgramPage's buffer is in that RAM.
/// - A sector is 1 byte to `maximumSectorSize` (16 MiB) and no larger than the declared
///   range; the engine holds one sector in memory while programming it. Sector runs start
///   inside the range, in increasing order, and each run's first sector fits in the range.
package enum AlgorithmLimits {
    package static let maximumFileSize = 16 << 20
    /// NOR parts erase at most 256 KB at a time; 16 MiB leaves room for odd declarations.
    package static let maximumSectorSize: UInt32 = 16 << 20

    /// Why `algorithm` is beyond the limits, or nil when it is within them.
    static func violation(of algorithm: VendorAlgorithm) -> String? {
        if algorithm.blob.count > Int(Emulator.ramSize) {
            return "the blob is \(algorithm.blob.count) bytes, more than the \(Emulator.ramSize)-byte emulated RAM"
        }
        if algorithm.pageSize == 0 { return "page size is 0" }
        if algorithm.pageSize > Emulator.ramSize {
            return "page size \(algorithm.pageSize) is more than the \(Emulator.ramSize)-byte emulated RAM"
        }
        let rangeSize = algorithm.end - UInt64(algorithm.start)
        guard !algorithm.sectors.isEmpty else { return "no sectors declared" }
        var previous: UInt32?
        for (index, run) in algorithm.sectors.enumerated() {
            let what = "sector \(index) (size \(run.size) at offset \(hex(run.address)))"
            if run.size == 0 { return "\(what): size 0" }
            if run.size > maximumSectorSize { return "\(what): larger than the \(maximumSectorSize)-byte limit" }
            if UInt64(run.address) + UInt64(run.size) > rangeSize {
                return "\(what): outside the declared range of \(rangeSize) bytes"
            }
            if let previous, run.address <= previous { return "\(what): not after the sector before it" }
            previous = run.address
        }
        return nil
    }

    /// Throws the violation, if any, as an error naming the file and the algorithm.
    static func check(_ algorithm: VendorAlgorithm, file: String) throws(AlgorithmFileError) {
        if let reason = violation(of: algorithm) {
            throw AlgorithmFileError(file: file, reason: "\(algorithm.name): \(reason)")
        }
    }
}
