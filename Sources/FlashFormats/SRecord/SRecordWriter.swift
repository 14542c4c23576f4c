import FlashCore

/// Writes Motorola S-records: an S0 header, S3 data records (32-bit
/// addresses), an S5 or S6 record count when the count fits, and an S7
/// termination record holding the start address (0 when the image has none).
enum SRecordWriter {
    static func write(_ image: MemoryImage, options: WriteOptions, to output: ByteOutput) throws(FormatError) {
        let perRecord = options.bytesPerRecord
        let header = Array(options.header.utf8.prefix(252))
        try header.withUnsafeBufferPointer { (pointer) throws(FormatError) in
            try record(type: 0, address: 0, addressLength: 2, data: pointer, crlf: options.crlf, to: output)
        }
        var count = 0
        for segment in image.segments {
            try segment.bytes.withUnsafeBufferPointer { (bytes) throws(FormatError) in
                guard let base = bytes.baseAddress else { return }
                var index = 0
                while index < bytes.count {
                    let length = min(perRecord, bytes.count - index)
                    try record(
                        type: 3, address: segment.address &+ UInt32(index), addressLength: 4,
                        data: UnsafeBufferPointer(start: base + index, count: length), crlf: options.crlf, to: output)
                    index += length
                    count += 1
                }
            }
        }
        let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        if count <= 0xFFFF {
            try record(type: 5, address: UInt32(count), addressLength: 2, data: none, crlf: options.crlf, to: output)
        } else if count <= 0xFF_FFFF {
            try record(type: 6, address: UInt32(count), addressLength: 3, data: none, crlf: options.crlf, to: output)
        }
        try record(
            type: 7, address: image.startAddress ?? 0, addressLength: 4, data: none, crlf: options.crlf, to: output)
    }

    @inline(__always)
    private static func record(
        type: UInt8, address: UInt32, addressLength: Int, data: UnsafeBufferPointer<UInt8>,
        crlf: Bool, to output: ByteOutput
    ) throws(FormatError) {
        let out = try output.reserve(2 + 2 * (data.count + addressLength + 2) + 2)
        out[0] = UInt8(ascii: "S")
        out[1] = UInt8(ascii: "0") + type
        var position = 2
        var sum: UInt8 = 0
        @inline(__always) func put(_ byte: UInt8) {
            out[position] = hexDigit(byte >> 4)
            out[position + 1] = hexDigit(byte & 0x0F)
            position += 2
            sum &+= byte
        }
        put(UInt8(data.count + addressLength + 1))
        for shift in stride(from: (addressLength - 1) * 8, through: 0, by: -8) {
            put(UInt8(truncatingIfNeeded: address >> UInt32(shift)))
        }
        for byte in data { put(byte) }
        put(~sum)
        if crlf { out[position] = 0x0D; position += 1 }
        out[position] = 0x0A
        output.commit(position + 1)
    }
}
