import FlashCore

/// Writes the bytes of an address range, gaps filled with one byte value.
enum BinaryWriter {
    static func write(_ image: MemoryImage, range: Range<UInt64>, fill: UInt8, to output: ByteOutput)
        throws(FormatError)
    {
        var position = range.lowerBound
        for segment in image.segments where segment.end > range.lowerBound && UInt64(segment.address) < range.upperBound
        {
            let from = max(UInt64(segment.address), range.lowerBound)
            let to = min(segment.end, range.upperBound)
            try output.write(repeating: fill, count: Int(from - position))
            try segment.bytes.withUnsafeBufferPointer { (bytes) throws(FormatError) in
                guard let base = bytes.baseAddress else { return }
                let skip = Int(from - UInt64(segment.address))
                try output.write(UnsafeBufferPointer(start: base + skip, count: Int(to - from)))
            }
            position = to
        }
        try output.write(repeating: fill, count: Int(range.upperBound - position))
    }
}
