/// Reads Motorola S-records line by line into a `RecordSink`.
///
/// - S0 is a header and carries no data; S1/S2/S3 carry data at 16/24/32-bit
///   addresses; S4 is reserved (an error).
/// - S5/S6 give the number of S1/S2/S3 records so far (16/24-bit); a
///   different number is an error.
/// - S7/S8/S9 end the file with a 32/24/16-bit start address, kept as
///   `startAddress`; only blank lines may follow one. A missing termination
///   record is accepted (srec_cat omits it when there is no start address).
/// - The checksum is the ones' complement of the sum of the count, address
///   and data bytes. Data that would run past 0xFFFFFFFF is an error (the
///   format defines no wrap).
struct SRecordParser<Sink: RecordSink>: LineConsumer {
    var sink: Sink
    let file: String
    private let scratch = ScratchBuffer()
    private var endLine: Int?
    private var dataRecords = 0
    private(set) var startAddress: UInt32?

    init(file: String, sink: Sink) {
        self.file = file
        self.sink = sink
    }

    mutating func consume(line: UnsafeBufferPointer<UInt8>, number: Int) throws(FormatError) {
        let count = line.count
        if count == 0 { return }
        if line[0] != UInt8(ascii: "S") {
            throw error(number, 1, .missingStartCode(expected: UInt8(ascii: "S"), found: line[0]))
        }
        if let endLine { throw error(number, 1, .dataAfterEnd(endLine: endLine)) }
        guard count >= 2 else {
            throw error(number, 2, .truncatedRecord(expectedDigits: 8, foundDigits: 0))
        }
        let typeCharacter = line[1]
        let type = Int(typeCharacter) - Int(UInt8(ascii: "0"))
        guard (0...9).contains(type), type != 4 else {
            throw error(
                number, 2, .unknownRecordType(String(decoding: [UInt8(ascii: "S"), typeCharacter], as: UTF8.self)))
        }
        let addressLength =
            switch type {
            case 0, 1, 5, 9: 2
            case 2, 6, 8: 3
            default: 4
            }
        let bytes = scratch.pointer
        let decoded = try DecodedDigits.decode(line, from: 2, into: scratch, file: file, lineNumber: number)
        let minimumDigits = 2 * (addressLength + 2)
        guard decoded.byteCount >= 1 else {
            throw error(
                number, count + 1, .truncatedRecord(expectedDigits: minimumDigits, foundDigits: decoded.digitCount))
        }
        let declared = Int(bytes[0])
        let expectedDigits = 2 * (declared + 1)
        if declared < addressLength + 1 {
            throw error(
                number, 3, .badRecordLength(recordType: "S\(type)", expected: addressLength + 1, found: declared))
        }
        if decoded.digitCount < expectedDigits {
            throw error(
                number, count + 1, .truncatedRecord(expectedDigits: expectedDigits, foundDigits: decoded.digitCount))
        }
        if decoded.digitCount > expectedDigits {
            throw error(
                number, 3,
                .wrongByteCount(
                    declared: declared, expectedDigits: expectedDigits,
                    foundDigits: decoded.digitCount))
        }
        let checksum = bytes[declared]
        if decoded.sum != 0xFF {
            throw error(number, count - 1, .badChecksum(expected: ~(decoded.sum &- checksum), found: checksum))
        }
        var address: UInt32 = 0
        for index in 1...addressLength { address = address << 8 | UInt32(bytes[index]) }
        let dataCount = declared - addressLength - 1
        switch type {
        case 0:
            break
        case 1, 2, 3:
            dataRecords += 1
            if UInt64(address) + UInt64(dataCount) > 0x1_0000_0000 {
                throw error(number, 5, .addressOverflow(address: UInt64(address), length: dataCount))
            }
            sink.data(
                UnsafeBufferPointer(start: bytes + 1 + addressLength, count: dataCount), at: address, place: number)
        case 5, 6:
            if dataCount != 0 {
                throw error(
                    number, 3, .badRecordLength(recordType: "S\(type)", expected: addressLength + 1, found: declared))
            }
            if Int(address) != dataRecords {
                throw error(number, 5, .recordCountMismatch(declared: Int(address), found: dataRecords))
            }
        default:
            if dataCount != 0 {
                throw error(
                    number, 3, .badRecordLength(recordType: "S\(type)", expected: addressLength + 1, found: declared))
            }
            startAddress = address
            endLine = number
        }
    }

    private func error(_ line: Int, _ column: Int, _ kind: FormatError.Kind) -> FormatError {
        FormatError(file: file, location: .line(line, column: column), kind: kind)
    }
}
