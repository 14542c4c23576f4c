import FlashCore
import FlashFormats
import Testing

/// Writers checked against hand-computed records (checksums from the specs).
@Suite struct WriterTests {
    static let image = MemoryImage.make([(0x0800_0000, [1, 2, 3, 4])], start: 0x0800_0131)

    @Test func intelHexWritesExtendedLinearDataStartAndEOF() throws {
        let text = String(decoding: try FirmwareFile.encode(Self.image, format: .intelHex), as: UTF8.self)
        #expect(text == ":020000040800F2\n:0400000001020304F2\n:0400000508000131BD\n:00000001FF\n")
    }

    @Test func intelHexSplitsRecordsAtSixtyFourKiBAndChangesThePage() throws {
        let image = MemoryImage.make([(0x0800_FFFE, [0xAA, 0xBB, 0xCC, 0xDD])])
        let text = String(decoding: try FirmwareFile.encode(image, format: .intelHex), as: UTF8.self)
        #expect(text == ":020000040800F2\n:02FFFE00AABB9C\n:020000040801F1\n:02000000CCDD55\n:00000001FF\n")
    }

    @Test(arguments: [16, 32])
    func intelHexRecordsHoldTheRequestedByteCount(_ perRecord: Int) throws {
        let image = MemoryImage.make([(0, Array(repeating: 0x55, count: 100))])
        let text = String(
            decoding: try FirmwareFile.encode(
                image, format: .intelHex,
                options: WriteOptions(bytesPerRecord: perRecord)), as: UTF8.self)
        let lengths = text.split(separator: "\n").dropLast().map { Int($0.dropFirst().prefix(2), radix: 16) ?? -1 }
        #expect(lengths == Array(repeating: perRecord, count: 100 / perRecord) + [100 % perRecord])
    }

    @Test func crlfOptionEndsLinesWithCRLF() throws {
        let text = String(
            decoding: try FirmwareFile.encode(
                MemoryImage(), format: .intelHex,
                options: WriteOptions(crlf: true)), as: UTF8.self)
        #expect(text == ":00000001FF\r\n")
    }

    @Test func sRecordWritesHeaderS3CountAndS7() throws {
        let options = WriteOptions(header: "HDR")
        let text = String(
            decoding: try FirmwareFile.encode(Self.image, format: .srecord, options: options), as: UTF8.self)
        #expect(text == "S00600004844521B\nS3090800000001020304E4\nS5030001FB\nS70508000131C0\n")
    }

    @Test func binaryWritesTheRangeWithGapsFilled() throws {
        let image = MemoryImage.make([(0x10, [1, 2]), (0x14, [3])])
        let options = WriteOptions(range: 0x0E..<0x18)
        #expect(
            try FirmwareFile.encode(image, format: .binary, options: options)
                == [0xFF, 0xFF, 1, 2, 0xFF, 0xFF, 3, 0xFF, 0xFF, 0xFF])
    }

    @Test func binaryRangeClipsData() throws {
        let image = MemoryImage.make([(0x10, [1, 2, 3, 4])])
        #expect(try FirmwareFile.encode(image, format: .binary, options: WriteOptions(range: 0x11..<0x13)) == [2, 3])
    }

    @Test func textRangeClipsData() throws {
        let image = MemoryImage.make([(0x10, [1, 2, 3, 4])])
        let text = try FirmwareFile.encode(image, format: .intelHex, options: WriteOptions(range: 0x11..<0x13))
        #expect(
            try FirmwareFile.read(bytes: text, name: "t", format: .intelHex).segments
                == [MemoryImage.Segment(address: 0x11, bytes: [2, 3])])
    }

    @Test func impossibleOptionsAreErrors() {
        #expect(throws: FormatError.self) {
            try FirmwareFile.encode(Self.image, format: .intelHex, options: WriteOptions(bytesPerRecord: 0))
        }
        #expect(throws: FormatError.self) {
            try FirmwareFile.encode(Self.image, format: .srecord, options: WriteOptions(bytesPerRecord: 251))
        }
        #expect(throws: FormatError.self) { try FirmwareFile.encode(Self.image, format: .elf) }
        #expect(throws: FormatError.self) {
            try FirmwareFile.encode(Self.image, format: .binary, options: WriteOptions(range: 0..<0x1_0000_0001))
        }
    }
}
