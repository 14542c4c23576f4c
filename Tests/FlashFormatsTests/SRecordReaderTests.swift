import FlashCore
import FlashFormats
import Testing

/// Facts from the Motorola S-record format, checked on hand-written records.
@Suite struct SRecordReaderTests {
    @Test func readsSixteenTwentyFourAndThirtyTwoBitDataRecords() throws {
        let text = """
            S00600004844521B
            S107100001020304DE
            S2081234560102030451
            S3090800000001020304E4
            S5030003F9
            S70508000131C0

            """
        let image = try FirmwareFile.read(text: text, format: .srecord)
        #expect(
            image.segments == [
                MemoryImage.Segment(address: 0x1000, bytes: [1, 2, 3, 4]),
                MemoryImage.Segment(address: 0x12_3456, bytes: [1, 2, 3, 4]),
                MemoryImage.Segment(address: 0x0800_0000, bytes: [1, 2, 3, 4]),
            ])
        #expect(image.startAddress == 0x0800_0131)
    }

    /// The example from the Wikipedia "SREC (file format)" article.
    @Test func readsTheWikipediaExampleRecord() throws {
        let image = try FirmwareFile.read(
            text: "S1137AF00A0A0D0000000000000000000000000061\nS9030000FC\n", format: .srecord)
        #expect(image.segments.first?.address == 0x7AF0)
        #expect(image.segments.first?.bytes == [0x0A, 0x0A, 0x0D] + Array(repeating: 0, count: 13))
        #expect(image.startAddress == 0)
    }

    @Test(arguments: [("S8041234565F", UInt32(0x12_3456)), ("S9031234B6", UInt32(0x1234))])
    func terminationRecordsGiveTheStartAddress(_ record: String, _ start: UInt32) throws {
        let image = try FirmwareFile.read(text: "S107100001020304DE\n\(record)\n", format: .srecord)
        #expect(image.startAddress == start)
    }

    @Test func twentyFourBitRecordCountIsChecked() throws {
        let text = "S107100001020304DE\nS107100401020304DA\nS3090800000001020304E4\nS604000003F8\n"
        let image = try FirmwareFile.read(text: text, format: .srecord)
        #expect(image.byteCount == 12)
    }

    /// srec_cat writes no termination record when there is no start address.
    @Test func terminationRecordIsOptional() throws {
        let image = try FirmwareFile.read(text: "S107100001020304DE\n", format: .srecord)
        #expect(image.byteCount == 4)
        #expect(image.startAddress == nil)
    }

    @Test func crlfLineEndsAreAccepted() throws {
        let image = try FirmwareFile.read(text: "S107100001020304DE\r\nS9031234B6\r\n", format: .srecord)
        #expect(image.byteCount == 4)
    }

    @Test func checksumIsOnesComplementOfTheSum() {
        #expect(
            throws: FormatError(
                file: "test", location: .line(1, column: 17),
                kind: .badChecksum(expected: 0xDE, found: 0xDF))
        ) {
            try FirmwareFile.read(text: "S107100001020304DF\n", format: .srecord)
        }
    }
}
