#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Something that takes a text file one line at a time.
protocol LineConsumer {
    /// One line without its LF or CRLF ending; `number` is 1-based.
    mutating func consume(line: UnsafeBufferPointer<UInt8>, number: Int) throws(FormatError)
}

/// Splits input into lines (LF or CRLF) and hands each to a consumer, reading
/// files in fixed-size chunks so memory stays flat however large the file.
enum LineScanner {
    static let chunkSize = 1 << 20

    /// Returns the number of the line after the last one (1 for empty input).
    @discardableResult
    static func scan<Consumer: LineConsumer>(
        _ source: InputSource, name: String, into consumer: inout Consumer
    ) throws(FormatError) -> Int {
        var lineNumber = 1
        switch source {
        case .bytes(let bytes):
            try bytes.withUnsafeBufferPointer { (buffer) throws(FormatError) in
                _ = try scanLines(in: buffer, lineNumber: &lineNumber, final: true, consumer: &consumer)
            }
        case .file(let path):
            let file = try InputFile(path: path, name: name)
            defer { file.close() }
            let capacity = chunkSize
            let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            defer { storage.deallocate() }
            var filled = 0
            while true {
                if filled == capacity {
                    // No record comes near a megabyte (Intel HEX and S-records stay under 600
                    // characters), so a line this long is garbage: stop instead of buffering it.
                    throw FormatError(
                        file: name, location: .line(lineNumber, column: 1),
                        kind: .lineTooLong(limit: capacity))
                }
                let got = try file.read(
                    into: UnsafeMutableBufferPointer(start: storage + filled, count: capacity - filled))
                let final = got == 0
                filled += got
                let consumed = try scanLines(
                    in: UnsafeBufferPointer(start: storage, count: filled),
                    lineNumber: &lineNumber, final: final, consumer: &consumer)
                if final { break }
                let left = filled - consumed
                if left > 0 && consumed > 0 { memmove(storage, storage + consumed, left) }
                filled = left
            }
        }
        return lineNumber
    }

    /// Feeds every complete line in `buffer` (and, when `final`, the unterminated
    /// last one); returns how many bytes were used.
    @inline(__always)
    private static func scanLines<Consumer: LineConsumer>(
        in buffer: UnsafeBufferPointer<UInt8>, lineNumber: inout Int, final: Bool, consumer: inout Consumer
    ) throws(FormatError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        let count = buffer.count
        var position = 0
        while position < count {
            let end: Int
            if let found = memchr(base + position, 0x0A, count - position) {
                end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            } else if final {
                end = count
            } else {
                break
            }
            var lineEnd = end
            if lineEnd > position && base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            try consumer.consume(
                line: UnsafeBufferPointer(start: base + position, count: lineEnd - position),
                number: lineNumber)
            lineNumber += 1
            position = end + 1
        }
        return min(position, count)
    }
}
