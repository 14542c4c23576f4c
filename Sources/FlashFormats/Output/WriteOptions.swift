/// How to write a firmware file.
package struct WriteOptions: Equatable, Sendable {
    /// Data bytes per Intel HEX or S-record record (1...255 for HEX, 1...250 for
    /// S3 records; 16 or 32 are the usual choices).
    package var bytesPerRecord: Int
    /// The address range to write, `low..<end` (end may be 0x1_0000_0000).
    /// Text formats keep only data inside it; binary writes exactly this range
    /// with gaps filled with `fill`. Nil means the image's own bounds.
    package var range: Range<UInt64>?
    /// Gap filler for binary output.
    package var fill: UInt8
    /// Text of the S0 header record.
    package var header: String
    /// End text lines with CR LF instead of LF.
    package var crlf: Bool

    package init(
        bytesPerRecord: Int = 16, range: Range<UInt64>? = nil, fill: UInt8 = 0xFF,
        header: String = "", crlf: Bool = false
    ) {
        self.bytesPerRecord = bytesPerRecord
        self.range = range
        self.fill = fill
        self.header = header
        self.crlf = crlf
    }
}
