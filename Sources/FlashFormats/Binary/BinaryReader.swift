import FlashCore

/// Reads a raw binary file: every byte, in order, from a base address.
enum BinaryReader {
    static func image(of bytes: [UInt8], baseAddress: UInt32?, file: String) throws(FormatError) -> MemoryImage {
        let baseAddress = try place(bytes.count, at: baseAddress, file: file)
        guard !bytes.isEmpty else { return MemoryImage() }
        do {
            return try MemoryImage(segments: [MemoryImage.Segment(address: baseAddress, bytes: bytes)])
        } catch {
            // One segment cannot overlap itself.
            return MemoryImage()
        }
    }

    /// The base address, once it is known that `length` bytes from it fit below 4 GiB.
    static func place(_ length: Int, at baseAddress: UInt32?, file: String) throws(FormatError) -> UInt32 {
        guard let baseAddress else { throw FormatError(file: file, kind: .missingBaseAddress) }
        if UInt64(baseAddress) + UInt64(length) > 0x1_0000_0000 {
            throw FormatError(
                file: file, location: .offset(Int(0x1_0000_0000 - UInt64(baseAddress))),
                kind: .addressOverflow(address: UInt64(baseAddress), length: length))
        }
        return baseAddress
    }
}
