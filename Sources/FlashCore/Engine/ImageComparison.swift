/// How flash differs from an image, byte by byte.
package struct ImageComparison: Equatable, Sendable {
    /// One byte that differs.
    package struct Mismatch: Equatable, Sendable {
        package var address: UInt32
        package var expected: UInt8
        package var actual: UInt8

        /// The bit-level cause, where one applies.
        package var cause: String { kind.text }

        package var kind: Cause {
            let missingOnes = expected & ~actual
            let extraOnes = actual & ~expected
            switch (missingOnes != 0, extraOnes != 0) {
            case (true, false): return .notErased
            case (false, true) where actual == 0xFF: return .erased
            case (false, true): return .notProgrammed
            default: return .otherData
            }
        }
    }

    /// Why a byte differs, from its bits.
    package enum Cause: Equatable, Sendable {
        case notErased, erased, notProgrammed, otherData

        package var text: String {
            switch self {
            case .notErased: "flash holds 0 where the file wants 1: this page was not erased before programming"
            case .erased: "flash is erased here: these bytes were never programmed"
            case .notProgrammed: "flash holds 1 where the file wants 0: programming did not reach these bits"
            case .otherData: "bits differ both ways: the flash holds other data"
            }
        }
    }

    /// Consecutive differing bytes with one cause (a never-programmed range is one run, not one
    /// line per byte), with the first byte of it.
    package struct Run: Equatable, Sendable {
        package var range: AddressRange
        package var first: Mismatch
        package var cause: Cause { first.kind }
    }

    package var bytesCompared: Int = 0
    package var bytesDiffering: Int = 0
    /// Differing bytes merged into address ranges.
    package var ranges: [AddressRange] = []
    /// The first few differing bytes.
    package var first: [Mismatch] = []
    /// The first few runs, and how many runs there are in all.
    package var runs: [Run] = []
    package var runCount = 0
    /// The end and cause of the run the last differing byte belongs to, kept or not.
    private var openRun: OpenRun?

    private struct OpenRun: Equatable, Sendable {
        var to: UInt32
        var cause: Cause
    }

    package var isEqual: Bool { bytesDiffering == 0 }
}

extension FlashEngine {
    /// Compares the flash (read through the bus, untraced) with an image, 64 KiB at a time, so a
    /// file read piece by piece is never held whole beside the flash model. The progress observer
    /// hears each piece as (bytes compared, bytes in all); if it answers `.stop`, this throws `.stopped`.
    package func compare(with image: some ImageSource, keepingFirst limit: Int = 8) throws(EngineError)
        -> ImageComparison
    {
        var comparison = ImageComparison()
        let total = image.extents.reduce(0) { $0 + Int($1.count) }
        for extent in image.extents {
            for (address, count) in extent.pieces(of: 64 << 10) {
                let expected: [UInt8]
                do { expected = try image.bytes(at: address, count: count) } catch {
                    throw .comparisonUnreadable(oneLine(error))
                }
                let actual = try read(from: address, count: count, asContents: true)
                comparison.add(expected: expected, actual: actual, at: address, keepingFirst: limit)
                guard reportProgress(comparison.bytesCompared, of: total) else { throw .stopped }
            }
        }
        return comparison
    }
}

extension ImageComparison {
    /// Counts one piece, merging its differing bytes into the ranges.
    mutating func add(expected: [UInt8], actual: [UInt8], at start: UInt32, keepingFirst limit: Int) {
        bytesCompared += expected.count
        for (index, byte) in expected.enumerated() where index >= actual.count || actual[index] != byte {
            let address = start + UInt32(index)
            let held = index < actual.count ? actual[index] : 0xFF
            bytesDiffering += 1
            let mismatch = Mismatch(address: address, expected: byte, actual: held)
            if first.count < limit { first.append(mismatch) }
            let cause = mismatch.kind
            if let open = openRun, open.to &+ 1 == address, open.cause == cause {
                if runs.last?.range.to == open.to { runs[runs.count - 1].range.to = address }
            } else {
                runCount += 1
                if runs.count < limit {
                    runs.append(Run(range: AddressRange(from: address, to: address), first: mismatch))
                }
            }
            openRun = OpenRun(to: address, cause: cause)
            if let last = ranges.last, last.to &+ 1 == address {
                ranges[ranges.count - 1].to = address
            } else {
                ranges.append(AddressRange(from: address, to: address))
            }
        }
    }
}
