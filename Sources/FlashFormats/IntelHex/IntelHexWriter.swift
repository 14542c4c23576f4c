import FlashCore

/// Writes Intel HEX: type 04 extended linear address records whenever the
/// upper 16 address bits change (none while they are zero), data records that
/// never cross a 64 KiB boundary, a type 05 start linear address record when
/// the image has a start address, then the end-of-file record.
enum IntelHexWriter {
    static func write(_ image: MemoryImage, options: WriteOptions, to output: ByteOutput) throws(FormatError) {
        let perRecord = options.bytesPerRecord
        var upper: UInt32 = 0
        for segment in image.segments {
            try segment.bytes.withUnsafeBufferPointer { (bytes) throws(FormatError) in
                guard let base = bytes.baseAddress else { return }
                var index = 0
                while index < bytes.count {
                    let address = segment.address &+ UInt32(index)
                    if address >> 16 != upper {
                        upper = address >> 16
                        let page = [UInt8(upper >> 8), UInt8(upper & 0xFF)]
                        try page.withUnsafeBufferPointer { (pointer) throws(FormatError) in
                            try record(type: 4, offset: 0, data: pointer, crlf: options.crlf, to: output)
                        }
                    }
                    let toBoundary = 0x10000 - Int(address & 0xFFFF)
                    let count = min(perRecord, bytes.count - index, toBoundary)
                    try record(
                        type: 0, offset: UInt16(address & 0xFFFF),
                        data: UnsafeBufferPointer(start: base + index, count: count), crlf: options.crlf, to: output)
                    index += count
                }
            }
        }
        if let start = image.startAddress {
            let data = [UInt8(start >> 24), UInt8(start >> 16 & 0xFF), UInt8(start >> 8 & 0xFF), UInt8(start & 0xFF)]
            try data.withUnsafeBufferPointer { (pointer) throws(FormatError) in
                try record(type: 5, offset: 0, data: pointer, crlf: options.crlf, to: output)
            }
        }
        try record(type: 1, offset: 0, data: UnsafeBufferPointer(start: nil, count: 0), crlf: options.crlf, to: output)
    }

    @inline(__always)
    private static func record(
        type: UInt8, offset: UInt16, data: UnsafeBufferPointer<UInt8>, crlf: Bool,
        to output: ByteOutput
    ) throws(FormatError) {
        let out = try output.reserve(1 + 2 * (data.count + 5) + 2)
        out[0] = UInt8(ascii: ":")
        var position = 1
        var sum: UInt8 = 0
        @inline(__always) func put(_ byte: UInt8) {
            out[position] = hexDigit(byte >> 4)
            out[position + 1] = hexDigit(byte & 0x0F)
            position += 2
            sum &+= byte
        }
        put(UInt8(data.count))
        put(UInt8(offset >> 8))
        put(UInt8(offset & 0xFF))
        put(type)
        for byte in data { put(byte) }
        put(0 &- sum)
        if crlf { out[position] = 0x0D; position += 1 }
        out[position] = 0x0A
        output.commit(position + 1)
    }
}
