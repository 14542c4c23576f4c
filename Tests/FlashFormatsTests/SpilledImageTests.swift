import FlashCore
import FlashFormats
import Testing

/// Text and ELF files opened as sources: parsed whole once, then fetched from a spill file.
/// They must hold exactly what reading them into memory gives, and refuse the same files.
@Suite struct SpilledImageTests {
    static let files = [
        "data-objcopy.hex", "data-objcopy-cross64k.hex", "data-objcopy.srec", "data-srec_cat.srec",
        "data-srec_cat-crlf.hex", "data-lowercase.hex",
    ]

    @Test(arguments: files)
    func aSourceHoldsWhatReadingGives(_ name: String) throws {
        let path = TestFiles.fixture(name)
        let image = try FirmwareFile.read(path: path)
        let source = try FirmwareFile.openSource(path: path)
        #expect(!(source is MemoryImage), "text files are not held in memory")
        #expect(source.extents == image.extents)
        for extent in source.extents {
            for (address, count) in extent.pieces(of: 1000) {
                #expect(try source.bytes(at: address, count: count) == image.bytes(at: address, count: count))
            }
        }
    }

    @Test func anELFSourceHoldsWhatReadingGives() throws {
        let path = TestFiles.fixture("elf/app.elf")
        let image = try FirmwareFile.read(path: path)
        let source = try FirmwareFile.openSource(path: path)
        #expect(source.extents == image.extents)
        let first = try #require(source.extents.first)
        #expect(
            try source.bytes(at: first.from, count: Int(first.count))
                == image.bytes(at: first.from, count: Int(first.count)))
    }

    @Test(arguments: [
        "hex-overlap-partial.hex", "hex-overlap-same-address.hex", "srec-overlap.srec", "elf-overlapping-segments.elf",
    ])
    func overlapsAreRefusedTheSameWay(_ name: String) {
        let path = TestFiles.malformed(name)
        var read: FormatError?
        var opened: FormatError?
        do { _ = try FirmwareFile.read(path: path) } catch { read = error }
        do { _ = try FirmwareFile.openSource(path: path) } catch { opened = error }
        #expect(read != nil)
        #expect(opened == read)
    }

    @Test func bytesOutsideTheImageAreAGap() throws {
        let source = try FirmwareFile.openSource(path: TestFiles.fixture("data-objcopy.hex"))
        let last = try #require(source.extents.last)
        #expect(throws: ImageGapError.self) { try source.bytes(at: last.to, count: 2) }
    }
}
