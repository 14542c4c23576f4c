/// Reads Intel HEX records (types 00–05) line by line into a `RecordSink`.
///
/// Addressing, following the Intel HEX-86/HEX-386 specification:
/// - After an extended *segment* address record (02) the address of data byte
///   `i` of a record at offset `o` is `segment * 16 + ((o + i) mod 64 KiB)`:
///   a record that runs past offset 0xFFFF wraps to the start of the same
///   64 KiB segment. The 8086 1 MiB wrap is not applied, so addresses reach
///   at most 0x0010FFEF.
/// - After an extended *linear* address record (04), and before any 02/04
///   record, the address is `(upper << 16) + o + i` modulo 4 GiB: data
///   continues linearly into the next 64 KiB page, and only a record that runs
///   past 0xFFFFFFFF wraps to address 0.
/// - A start segment address record (03) gives `CS * 16 + IP`; a start linear
///   address record (05) gives the 32-bit EIP. Both become `startAddress`;
///   two start records with different addresses are an error.
/// - The end-of-file record (01) is required, and only blank lines may follow it.
struct IntelHexParser<Sink: RecordSink>: LineConsumer {
    private enum Addressing {
        case linear(upper: UInt32)
        case segment(base: UInt32)
    }

    var sink: Sink
    let file: String
    private let scratch = ScratchBuffer()
    private var addressing = Addressing.linear(upper: 0)
    private var endLine: Int?
    private(set) var startAddress: UInt32?

    init(file: String, sink: Sink) {
        self.file = file
        self.sink = sink
    }

    mutating func consume(line: UnsafeBufferPointer<UInt8>, number: Int) throws(FormatError) {
        let count = line.count
        if count == 0 { return }
        if line[0] != UInt8(ascii: ":") {
            throw error(number, 1, .missingStartCode(expected: UInt8(ascii: ":"), found: line[0]))
        }
        if let endLine { throw error(number, 1, .dataAfterEnd(endLine: endLine)) }
        let bytes = scratch.pointer
        let decoded = try DecodedDigits.decode(line, from: 1, into: scratch, file: file, lineNumber: number)
        guard decoded.byteCount >= 1 else {
            throw error(number, count + 1, .truncatedRecord(expectedDigits: 10, foundDigits: decoded.digitCount))
        }
        let length = Int(bytes[0])
        let expectedDigits = (length + 5) * 2
        if decoded.digitCount < expectedDigits {
            throw error(
                number, count + 1, .truncatedRecord(expectedDigits: expectedDigits, foundDigits: decoded.digitCount))
        }
        if decoded.digitCount > expectedDigits {
            throw error(
                number, 2,
                .wrongByteCount(
                    declared: length, expectedDigits: expectedDigits,
                    foundDigits: decoded.digitCount))
        }
        if decoded.sum != 0 {
            let found = bytes[length + 4]
            throw error(number, count - 1, .badChecksum(expected: 0 &- (decoded.sum &- found), found: found))
        }
        let offset = UInt32(bytes[1]) << 8 | UInt32(bytes[2])
        let type = bytes[3]
        switch type {
        case 0x00:
            deliver(UnsafeBufferPointer(start: bytes + 4, count: length), offset: offset, line: number)
        case 0x01:
            try expectLength(length, 0, type: type, line: number)
            endLine = number
        case 0x02:
            try expectLength(length, 2, type: type, line: number)
            addressing = .segment(base: (UInt32(bytes[4]) << 8 | UInt32(bytes[5])) << 4)
        case 0x03:
            try expectLength(length, 4, type: type, line: number)
            let segment = UInt32(bytes[4]) << 8 | UInt32(bytes[5])
            let pointer = UInt32(bytes[6]) << 8 | UInt32(bytes[7])
            try setStart(segment << 4 &+ pointer, line: number)
        case 0x04:
            try expectLength(length, 2, type: type, line: number)
            addressing = .linear(upper: (UInt32(bytes[4]) << 8 | UInt32(bytes[5])) << 16)
        case 0x05:
            try expectLength(length, 4, type: type, line: number)
            try setStart(
                UInt32(bytes[4]) << 24 | UInt32(bytes[5]) << 16 | UInt32(bytes[6]) << 8 | UInt32(bytes[7]),
                line: number)
        default:
            throw error(number, 8, .unknownRecordType(recordTypeName(type)))
        }
    }

    /// Call after the last line: checks the end record was seen.
    func finish(lineCount: Int) throws(FormatError) {
        if endLine == nil {
            throw error(lineCount, 1, .missingEndRecord(expected: "an end-of-file record (:00000001FF)"))
        }
    }

    @inline(__always)
    private mutating func deliver(_ data: UnsafeBufferPointer<UInt8>, offset: UInt32, line: Int) {
        guard !data.isEmpty, let base = data.baseAddress else { return }
        switch addressing {
        case .segment(let segmentBase):
            let first = min(data.count, Int(0x10000 - offset))
            sink.data(UnsafeBufferPointer(start: base, count: first), at: segmentBase + offset, place: line)
            if first < data.count {
                sink.data(
                    UnsafeBufferPointer(start: base + first, count: data.count - first), at: segmentBase, place: line)
            }
        case .linear(let upper):
            let address = UInt64(upper) + UInt64(offset)
            let first = Int(min(UInt64(data.count), 0x1_0000_0000 - address))
            sink.data(UnsafeBufferPointer(start: base, count: first), at: UInt32(address), place: line)
            if first < data.count {
                sink.data(UnsafeBufferPointer(start: base + first, count: data.count - first), at: 0, place: line)
            }
        }
    }

    private mutating func setStart(_ address: UInt32, line: Int) throws(FormatError) {
        if let startAddress, startAddress != address {
            throw error(line, 10, .conflictingStartAddress(previous: startAddress, found: address))
        }
        startAddress = address
    }

    private func expectLength(_ length: Int, _ expected: Int, type: UInt8, line: Int) throws(FormatError) {
        if length != expected {
            throw error(line, 2, .badRecordLength(recordType: recordTypeName(type), expected: expected, found: length))
        }
    }

    private func recordTypeName(_ type: UInt8) -> String {
        String(decoding: [hexDigit(type >> 4), hexDigit(type & 0x0F)], as: UTF8.self)
    }

    private func error(_ line: Int, _ column: Int, _ kind: FormatError.Kind) -> FormatError {
        FormatError(file: file, location: .line(line, column: column), kind: kind)
    }
}
