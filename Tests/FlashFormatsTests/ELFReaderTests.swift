import FlashCore
import FlashFormats
import Testing

/// The reader against a real linked Cortex-M33 program (Fixtures/elf, built by
/// make-fixtures.sh) and GNU objcopy's flash image of it.
@Suite struct ELFReaderTests {
    static let elfPath = TestFiles.fixture("elf/app.elf")

    @Test func placesSegmentsAtTheirLoadAddressesLikeObjcopy() throws {
        let image = try FirmwareFile.read(path: Self.elfPath)
        let objcopy = try TestFiles.bytes(TestFiles.fixture("elf/app-objcopy.bin"))
        // objcopy -O binary starts at the lowest load address: 0x08000000.
        let flat = try FirmwareFile.encode(image, format: .binary, options: WriteOptions(fill: 0xFF))
        #expect(image.bounds?.low == 0x0800_0000)
        #expect(flat == objcopy)
    }

    /// `.data` runs at 0x20000000 but its initial values are stored in flash
    /// at its load address 0x0800007C (see app-headers.txt).
    @Test func initialisedDataLandsInFlashNotRAM() throws {
        let image = try FirmwareFile.read(path: Self.elfPath)
        #expect(image.byte(at: 0x2000_0000) == nil)
        // counter = 0x12345678, little-endian, then table[0] = 0xA1A2A3A4.
        let data = (0..<8).compactMap { image.byte(at: 0x0800_007C + UInt32($0)) }
        #expect(data == [0x78, 0x56, 0x34, 0x12, 0xA4, 0xA3, 0xA2, 0xA1])
        #expect(image.bounds?.end == 0x0800_0090)
    }

    @Test func entryPointIsTheStartAddress() throws {
        let image = try FirmwareFile.read(path: Self.elfPath)
        #expect(image.startAddress == 0x0800_0009)
    }

    @Test func matchesObjcopysIntelHexAndSRecordsOfTheSameFile() throws {
        let elf = try FirmwareFile.read(path: Self.elfPath)
        let hex = try FirmwareFile.read(path: TestFiles.fixture("elf/app-objcopy.hex"))
        let srec = try FirmwareFile.read(path: TestFiles.fixture("elf/app-objcopy.srec"))
        #expect(hex.segments == elf.segments)
        #expect(srec.segments == elf.segments)
        #expect(hex.startAddress == elf.startAddress)
        #expect(srec.startAddress == elf.startAddress)
    }

    @Test func errorDescriptionNamesTheByteOffset() {
        let path = TestFiles.malformed("elf-x86-machine.elf")
        do {
            _ = try FirmwareFile.read(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "\(path): byte offset 18 (0x00000012): ELF machine 3 is not EM_ARM (40)")
        }
    }

    @Test func detectedAsELFFromContent() throws {
        let bytes = try TestFiles.bytes(Self.elfPath)
        #expect(FirmwareFormat.detect(bytes: bytes, pathExtension: nil) == .elf)
    }
}
