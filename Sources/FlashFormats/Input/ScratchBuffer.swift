/// A fixed block of bytes a line parser decodes one record into.
///
/// Bytes beyond `capacity` are counted by the parser but not stored; only a
/// malformed record is that long, and it is rejected on its length.
///
/// It also holds a 256-entry table from character to hex value (0xFF for
/// non-hex characters): a table lookup has no data-dependent branch, which
/// matters on random data where digit-or-letter branches mispredict.
final class ScratchBuffer {
    static let capacity = 300
    let pointer: UnsafeMutablePointer<UInt8>
    let hexValues: UnsafeMutablePointer<UInt8>

    init() {
        pointer = .allocate(capacity: Self.capacity)
        pointer.initialize(repeating: 0, count: Self.capacity)
        hexValues = .allocate(capacity: 256)
        for character in 0..<256 { hexValues[character] = hexNibble(UInt8(character)) }
    }

    deinit {
        pointer.deallocate()
        hexValues.deallocate()
    }
}

/// The result of decoding the hex digits of one text record into a scratch buffer.
struct DecodedDigits {
    /// Number of hex digits on the line after the prefix.
    var digitCount: Int
    /// Number of whole bytes decoded (may exceed the scratch capacity).
    var byteCount: Int
    /// Sum of all whole bytes, modulo 256.
    var sum: UInt8

    /// Decodes hex digit pairs of `line` from index `from` on; a non-hex
    /// character throws with its 1-based column.
    @inline(__always)
    static func decode(
        _ line: UnsafeBufferPointer<UInt8>, from: Int, into buffer: ScratchBuffer,
        file: String, lineNumber: Int
    ) throws(FormatError) -> DecodedDigits {
        let count = line.count
        let scratch = buffer.pointer
        let values = buffer.hexValues
        var index = from
        var stored = 0
        var sum: UInt8 = 0
        while index + 1 < count {
            let high = values[Int(line[index])]
            let low = values[Int(line[index + 1])]
            if (high | low) > 15 {
                let column = high > 15 ? index + 1 : index + 2
                throw FormatError(
                    file: file, location: .line(lineNumber, column: column),
                    kind: .nonHexCharacter(line[column - 1]))
            }
            let byte = high << 4 | low
            if stored < ScratchBuffer.capacity { scratch[stored] = byte }
            stored += 1
            sum &+= byte
            index += 2
        }
        if index < count, hexNibble(line[index]) > 15 {
            throw FormatError(
                file: file, location: .line(lineNumber, column: index + 1),
                kind: .nonHexCharacter(line[index]))
        }
        return DecodedDigits(digitCount: count - from, byteCount: stored, sum: sum)
    }
}
