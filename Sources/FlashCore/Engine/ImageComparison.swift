/// How flash differs from an image, byte by byte.
public struct ImageComparison: Equatable, Sendable {
    /// One byte that differs.
    public struct Mismatch: Equatable, Sendable {
        public var address: UInt32
        public var expected: UInt8
        public var actual: UInt8

        /// The bit-level cause, where one applies.
        public var cause: String {
            let missingOnes = expected & ~actual
            let extraOnes = actual & ~expected
            switch (missingOnes != 0, extraOnes != 0) {
            case (true, false):
                return "flash holds 0 where the file wants 1: this page was not erased before programming"
            case (false, true) where actual == 0xFF:
                return "flash is erased here: these bytes were never programmed"
            case (false, true):
                return "flash holds 1 where the file wants 0: programming did not reach these bits"
            default:
                return "bits differ both ways: the flash holds other data"
            }
        }
    }

    public var bytesCompared: Int = 0
    public var bytesDiffering: Int = 0
    /// Differing bytes merged into address ranges.
    public var ranges: [AddressRange] = []
    /// The first few differing bytes.
    public var first: [Mismatch] = []

    public var isEqual: Bool { bytesDiffering == 0 }
}

extension FlashEngine {
    /// Compares the flash (read through the bus, untraced) with an image.
    public func compare(with image: MemoryImage, keepingFirst limit: Int = 8) throws(EngineError) -> ImageComparison {
        var comparison = ImageComparison()
        for segment in image.segments {
            let actual = try read(from: segment.address, count: segment.bytes.count)
            comparison.bytesCompared += segment.bytes.count
            for (index, expected) in segment.bytes.enumerated() where actual[index] != expected {
                let address = segment.address + UInt32(index)
                comparison.bytesDiffering += 1
                if comparison.first.count < limit {
                    comparison.first.append(.init(address: address, expected: expected, actual: actual[index]))
                }
                if let last = comparison.ranges.last, last.to &+ 1 == address {
                    comparison.ranges[comparison.ranges.count - 1].to = address
                } else {
                    comparison.ranges.append(AddressRange(from: address, to: address))
                }
            }
        }
        return comparison
    }
}
