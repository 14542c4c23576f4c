import FlashCore
import FlashFormats
import Testing

/// Files written by GNU objcopy and srec_cat (see Fixtures/make-fixtures.sh)
/// read back to the data they were made from; files we write read back the
/// same way.
@Suite struct ToolFixtureTests {
    /// data.bin: byte i is (7 * i + 3) mod 256, 300 bytes.
    static let data: [UInt8] = (0..<300).map { UInt8((7 * $0 + 3) % 256) }

    static let at0800 = [
        "data-objcopy.hex", "data-objcopy.srec", "data-lowercase.hex",
        "data-srec_cat-crlf.hex", "data-srec_cat.srec",
    ]

    @Test func dataFixtureIsWhatTheScriptSays() throws {
        #expect(try TestFiles.bytes(TestFiles.fixture("data.bin")) == Self.data)
    }

    @Test(arguments: at0800)
    func toolFileHoldsTheDataAt0x08000000(_ name: String) throws {
        let image = try FirmwareFile.read(path: TestFiles.fixture(name))
        #expect(image.segments == [MemoryImage.Segment(address: 0x0800_0000, bytes: Self.data)])
    }

    /// objcopy --change-addresses also moves the (zero) start address of a binary input.
    @Test func objcopyStartAddressIsKept() throws {
        #expect(try FirmwareFile.read(path: TestFiles.fixture("data-objcopy.hex")).startAddress == 0x0800_0000)
        #expect(try FirmwareFile.read(path: TestFiles.fixture("data-objcopy.srec")).startAddress == 0x0800_0000)
    }

    @Test func recordsAcrossASixtyFourKiBBoundaryStayContiguous() throws {
        let image = try FirmwareFile.read(path: TestFiles.fixture("data-objcopy-cross64k.hex"))
        #expect(image.segments == [MemoryImage.Segment(address: 0x0800_FF80, bytes: Self.data)])
    }

    @Test func sixteenBitSRecordsAt0x1000() throws {
        let image = try FirmwareFile.read(path: TestFiles.fixture("data-srec_cat-s19.srec"))
        #expect(image.segments == [MemoryImage.Segment(address: 0x1000, bytes: Self.data)])
    }

    @Test(arguments: ["sparse-srec_cat.srec", "sparse-srec_cat.hex"])
    func sparseImageHasTwoSegments(_ name: String) throws {
        let image = try FirmwareFile.read(path: TestFiles.fixture(name))
        #expect(
            image.segments == [
                MemoryImage.Segment(address: 0x0800_0000, bytes: Self.data),
                MemoryImage.Segment(address: 0x0801_0000, bytes: Self.data),
            ])
    }

    @Test func binaryFixtureReadsAtTheBaseAddress() throws {
        let image = try FirmwareFile.read(path: TestFiles.fixture("data.bin"), baseAddress: 0x0800_0000)
        #expect(image.segments == [MemoryImage.Segment(address: 0x0800_0000, bytes: Self.data)])
    }

    /// Our writers' output reads back to the same image as the tools' files.
    @Test(arguments: [FirmwareFormat.intelHex, .srecord], [16, 32])
    func ourOutputOfAToolFileReadsBackTheSame(_ format: FirmwareFormat, _ perRecord: Int) throws {
        let original = try FirmwareFile.read(path: TestFiles.fixture("sparse-srec_cat.hex"))
        let text = try FirmwareFile.encode(original, format: format, options: WriteOptions(bytesPerRecord: perRecord))
        let again = try FirmwareFile.read(bytes: text, name: "again", format: format)
        #expect(again.segments == original.segments)
    }

    /// objcopy writes what we write for the same data: 16-byte records, an 04
    /// record for 0x0800, a 05 start record, then EOF; its lines end in CR LF.
    @Test func ourIntelHexMatchesObjcopyByteForByte() throws {
        let image = try FirmwareFile.read(path: TestFiles.fixture("data-objcopy.hex"))
        let ours = try FirmwareFile.encode(image, format: .intelHex, options: WriteOptions(crlf: true))
        #expect(ours == (try TestFiles.bytes(TestFiles.fixture("data-objcopy.hex"))))
    }

    @Test func ourBinaryOfTheSparseImageFillsTheGapWithFF() throws {
        let image = try FirmwareFile.read(path: TestFiles.fixture("sparse-srec_cat.srec"))
        let flat = try FirmwareFile.encode(image, format: .binary)
        #expect(flat.count == 0x10000 + 300)
        #expect(Array(flat.prefix(300)) == Self.data)
        #expect(flat[300..<0x10000].allSatisfy { $0 == 0xFF })
        #expect(Array(flat.suffix(300)) == Self.data)
    }
}
