import FlashCore
@testable import FlashFormats
import Testing

/// Facts from the Intel HEX specification, checked on hand-written records.
@Suite struct IntelHexReaderTests {
    /// The example from the Wikipedia "Intel HEX" article: 64 bytes at 0x0100.
    static let wikipediaExample = """
        :10010000214601360121470136007EFE09D2190140
        :100110002146017E17C20001FF5F16002148011928
        :10012000194E79234623965778239EDA3F01B2CAA7
        :100130003F0156702B5E712B722B732146013421C7
        :00000001FF

        """

    @Test func readsDataRecordsAtTheirAddresses() throws {
        let image = try FirmwareFile.read(text: Self.wikipediaExample, format: .intelHex)
        #expect(image.segments.count == 1)
        #expect(image.segments.first?.address == 0x0100)
        #expect(image.byteCount == 64)
        #expect(image.segments.first?.bytes.prefix(4) == [0x21, 0x46, 0x01, 0x36])
        #expect(image.byte(at: 0x013F) == 0x21)
        #expect(image.startAddress == nil)
    }

    @Test func extendedLinearAddressSetsTheUpperSixteenBits() throws {
        let image = try FirmwareFile.read(
            text: ":020000040800F2\n:0400000001020304F2\n:00000001FF\n", format: .intelHex)
        #expect(image.segments == [MemoryImage.Segment(address: 0x0800_0000, bytes: [1, 2, 3, 4])])
    }

    @Test func extendedSegmentAddressIsSixteenTimesTheSegment() throws {
        let image = try FirmwareFile.read(
            text: ":020000021200EA\n:0400000001020304F2\n:00000001FF\n", format: .intelHex)
        #expect(image.segments == [MemoryImage.Segment(address: 0x12000, bytes: [1, 2, 3, 4])])
    }

    @Test func startLinearAddressIsKept() throws {
        let image = try FirmwareFile.read(text: ":0400000508000131BD\n:00000001FF\n", format: .intelHex)
        #expect(image.startAddress == 0x0800_0131)
        #expect(image.isEmpty)
    }

    @Test func startSegmentAddressIsCSTimesSixteenPlusIP() throws {
        let image = try FirmwareFile.read(text: ":0400000312345678E5\n:00000001FF\n", format: .intelHex)
        #expect(image.startAddress == UInt32(0x12340 + 0x5678))
    }

    /// Segment addressing: offsets wrap modulo 64 KiB inside the segment.
    @Test func segmentRecordPastFFFFWrapsWithinTheSegment() throws {
        let image = try FirmwareFile.read(
            text: ":020000021000EC\n:04FFFE00AABBCCDDF1\n:00000001FF\n", format: .intelHex)
        #expect(
            image.segments == [
                MemoryImage.Segment(address: 0x10000, bytes: [0xCC, 0xDD]),
                MemoryImage.Segment(address: 0x1FFFE, bytes: [0xAA, 0xBB]),
            ])
    }

    /// Linear addressing: the offset is added with 32 bits, so data continues into the next 64 KiB.
    @Test func linearRecordPastFFFFContinuesLinearly() throws {
        let image = try FirmwareFile.read(
            text: ":020000040800F2\n:04FFFE00AABBCCDDF1\n:00000001FF\n", format: .intelHex)
        #expect(image.segments == [MemoryImage.Segment(address: 0x0800_FFFE, bytes: [0xAA, 0xBB, 0xCC, 0xDD])])
    }

    /// Linear addressing wraps modulo 4 GiB.
    @Test func linearRecordPastFourGiBWrapsToZero() throws {
        let image = try FirmwareFile.read(
            text: ":02000004FFFFFC\n:04FFFE00AABBCCDDF1\n:00000001FF\n", format: .intelHex)
        #expect(
            image.segments == [
                MemoryImage.Segment(address: 0, bytes: [0xCC, 0xDD]),
                MemoryImage.Segment(address: 0xFFFF_FFFE, bytes: [0xAA, 0xBB]),
            ])
    }

    @Test(arguments: ["\n", "\r\n"])
    func acceptsLowerCaseDigitsAndEitherLineEnd(_ ending: String) throws {
        let text = [":020000040800f2", ":0400000001020304f2", ":00000001ff"].map { $0 + ending }.joined()
        let image = try FirmwareFile.read(text: text, format: .intelHex)
        #expect(image.segments == [MemoryImage.Segment(address: 0x0800_0000, bytes: [1, 2, 3, 4])])
    }

    @Test func acceptsAFinalLineWithoutLineEnd() throws {
        let image = try FirmwareFile.read(text: ":0400000001020304F2\n:00000001FF", format: .intelHex)
        #expect(image.byteCount == 4)
    }

    @Test func blankLinesAfterTheEndAreAllowed() throws {
        let image = try FirmwareFile.read(text: ":0400000001020304F2\n:00000001FF\n\n\r\n", format: .intelHex)
        #expect(image.byteCount == 4)
    }

    @Test func recordsInAnyOrderMakeOneSortedImage() throws {
        let text = ":0400100005060708D2\n:0400000001020304F2\n:00000001FF\n"
        let image = try FirmwareFile.read(text: text, format: .intelHex)
        #expect(
            image.segments == [
                MemoryImage.Segment(address: 0x00, bytes: [1, 2, 3, 4]),
                MemoryImage.Segment(address: 0x10, bytes: [5, 6, 7, 8]),
            ])
    }

    @Test func adjacentRecordsOutOfOrderJoinIntoOneSegment() throws {
        let text = ":0400040005060708DE\n:0400000001020304F2\n:00000001FF\n"
        let image = try FirmwareFile.read(text: text, format: .intelHex)
        #expect(image.segments == [MemoryImage.Segment(address: 0, bytes: [1, 2, 3, 4, 5, 6, 7, 8])])
    }

    @Test func checksumErrorNamesExpectedAndFound() {
        #expect(
            throws: FormatError(
                file: "test", location: .line(1, column: 18),
                kind: .badChecksum(expected: 0xF2, found: 0xF3))
        ) {
            try FirmwareFile.read(text: ":0400000001020304F3\n:00000001FF\n", format: .intelHex)
        }
    }

    @Test func errorDescriptionIsOneLineWithFileLineAndColumn() {
        do {
            _ = try FirmwareFile.read(bytes: Array(":0400000001020304F3\n".utf8), name: "app.hex", format: .intelHex)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "app.hex:1:18: bad checksum: expected 0xF2, found 0xF3")
            #expect(!error.isUnreadableFile)
        }
    }
}
