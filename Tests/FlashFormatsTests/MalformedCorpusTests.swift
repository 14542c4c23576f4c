import FlashFormats
import Foundation
import Testing

/// Every file under Malformed/ (made by make-malformed.py) has one defect;
/// each must fail with the expected kind at the expected place.
@Suite struct MalformedCorpusTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var location: FormatError.Location
        var kind: FormatError.Kind
        var testDescription: String { file }
    }

    static func line(_ file: String, _ line: Int, _ column: Int, _ kind: FormatError.Kind) -> Case {
        Case(file: file, location: .line(line, column: column), kind: kind)
    }

    static func offset(_ file: String, _ offset: Int, _ kind: FormatError.Kind) -> Case {
        Case(file: file, location: .offset(offset), kind: kind)
    }

    static let colon = UInt8(ascii: ":")
    static let letterS = UInt8(ascii: "S")
    static let hexEnd = "an end-of-file record (:00000001FF)"

    static let cases: [Case] = [
        line("hex-bad-checksum.hex", 2, 42, .badChecksum(expected: 0x78, found: 0x79)),
        line("hex-non-hex-character.hex", 2, 19, .nonHexCharacter(UInt8(ascii: "G"))),
        line("hex-missing-colon.hex", 2, 1, .missingStartCode(expected: colon, found: UInt8(ascii: "1"))),
        line("hex-truncated-record.hex", 2, 18, .truncatedRecord(expectedDigits: 42, foundDigits: 16)),
        line("hex-only-colon.hex", 2, 2, .truncatedRecord(expectedDigits: 10, foundDigits: 0)),
        line("hex-wrong-byte-count.hex", 2, 2, .wrongByteCount(declared: 14, expectedDigits: 38, foundDigits: 40)),
        line("hex-odd-digit-count.hex", 2, 2, .wrongByteCount(declared: 16, expectedDigits: 42, foundDigits: 43)),
        line("hex-unknown-record-type-06.hex", 2, 8, .unknownRecordType("06")),
        line("hex-data-after-eof.hex", 4, 1, .dataAfterEnd(endLine: 3)),
        line("hex-missing-eof.hex", 4, 1, .missingEndRecord(expected: hexEnd)),
        line("hex-empty.hex", 1, 1, .missingEndRecord(expected: hexEnd)),
        line("hex-eof-with-data.hex", 2, 2, .badRecordLength(recordType: "01", expected: 0, found: 1)),
        line("hex-segment-address-3-bytes.hex", 1, 2, .badRecordLength(recordType: "02", expected: 2, found: 3)),
        line("hex-linear-address-1-byte.hex", 1, 2, .badRecordLength(recordType: "04", expected: 2, found: 1)),
        line("hex-start-linear-2-bytes.hex", 2, 2, .badRecordLength(recordType: "05", expected: 4, found: 2)),
        line("hex-start-segment-5-bytes.hex", 2, 2, .badRecordLength(recordType: "03", expected: 4, found: 5)),
        line("hex-overlap-same-address.hex", 4, 1, .overlap(address: 0x0800_0000, first: .line(2), second: .line(4))),
        line("hex-overlap-partial.hex", 3, 1, .overlap(address: 0x0800_0008, first: .line(2), second: .line(3))),
        line("hex-overlap-segment-wrap.hex", 3, 1, .overlap(address: 0x0001_0000, first: .line(2), second: .line(3))),
        line("hex-overlap-linear-wrap-4gib.hex", 3, 1, .overlap(address: 0, first: .line(1), second: .line(3))),
        line(
            "hex-conflicting-start-address.hex", 3, 10,
            .conflictingStartAddress(previous: 0x0800_0001, found: 0x0800_0041)),
        line("hex-space-inside-record.hex", 2, 12, .nonHexCharacter(0x20)),
        line("hex-trailing-text.hex", 2, 12, .nonHexCharacter(0x20)),
        line("hex-lone-cr-inside-line.hex", 1, 22, .nonHexCharacter(0x0D)),
        line("hex-srecord-line.hex", 1, 1, .missingStartCode(expected: colon, found: letterS)),
        line("srec-bad-checksum.srec", 2, 41, .badChecksum(expected: 0x64, found: 0x00)),
        line("srec-missing-S.srec", 2, 1, .missingStartCode(expected: letterS, found: UInt8(ascii: "X"))),
        line("srec-lowercase-s.srec", 2, 1, .missingStartCode(expected: letterS, found: UInt8(ascii: "s"))),
        line("srec-reserved-type-S4.srec", 2, 2, .unknownRecordType("S4")),
        line("srec-non-digit-type.srec", 2, 2, .unknownRecordType("SX")),
        line("srec-non-hex-character.srec", 2, 11, .nonHexCharacter(UInt8(ascii: "z"))),
        line("srec-truncated-record.srec", 2, 21, .truncatedRecord(expectedDigits: 40, foundDigits: 18)),
        line("srec-only-S.srec", 2, 2, .truncatedRecord(expectedDigits: 8, foundDigits: 0)),
        line("srec-wrong-byte-count.srec", 2, 3, .wrongByteCount(declared: 0x13, expectedDigits: 40, foundDigits: 42)),
        line("srec-count-below-address-length.srec", 2, 3, .badRecordLength(recordType: "S1", expected: 3, found: 2)),
        line("srec-record-count-mismatch-S5.srec", 4, 5, .recordCountMismatch(declared: 3, found: 2)),
        line("srec-record-count-mismatch-S6.srec", 2, 5, .recordCountMismatch(declared: 0, found: 1)),
        line("srec-data-after-S9.srec", 3, 1, .dataAfterEnd(endLine: 2)),
        line("srec-S9-with-data.srec", 2, 3, .badRecordLength(recordType: "S9", expected: 3, found: 4)),
        line("srec-S5-with-data.srec", 2, 3, .badRecordLength(recordType: "S5", expected: 3, found: 4)),
        line("srec-overlap.srec", 4, 1, .overlap(address: 0x0800_000C, first: .line(2), second: .line(4))),
        line("srec-address-overflow.srec", 1, 5, .addressOverflow(address: 0xFFFF_FFF8, length: 16)),
        offset("elf-bad-magic.elf", 0, .notELF),
        offset("elf-truncated-header.elf", 0, .truncatedFile(needed: 52, size: 40)),
        offset("elf-64-bit-class.elf", 4, .wrongELFClass(2)),
        offset("elf-big-endian.elf", 5, .wrongELFByteOrder(2)),
        offset("elf-bad-version.elf", 6, .badELFHeader(field: "EI_VERSION", value: 0, expected: "1")),
        offset("elf-x86-machine.elf", 18, .wrongELFMachine(3)),
        offset("elf-bad-phentsize.elf", 42, .badELFHeader(field: "e_phentsize", value: 40, expected: "32")),
        offset(
            "elf-program-headers-outside-file.elf", 28,
            .programHeadersOutsideFile(offset: 0x1000, size: 32, fileSize: 100)),
        offset(
            "elf-segment-outside-file.elf", 88, .segmentOutsideFile(index: 1, offset: 0x400, size: 8, fileSize: 140)),
        offset("elf-truncated-segment.elf", 56, .segmentOutsideFile(index: 0, offset: 84, size: 16, fileSize: 92)),
        offset(
            "elf-overlapping-segments.elf", 96,
            .overlap(address: 0x0800_0008, first: .segment(0), second: .segment(1))),
        offset("bin-past-4gib.bin", 256, .addressOverflow(address: 0xFFFF_FF00, length: 512)),
    ]

    @Test func corpusHasAtLeastFortyFilesAndEveryFileIsListed() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: TestFiles.malformed.path)
            .filter { !$0.hasSuffix(".py") }
        #expect(names.count >= 40)
        #expect(Set(names) == Set(Self.cases.map(\.file)))
    }

    @Test(arguments: cases)
    func malformedFileFailsWithItsDefect(_ expected: Case) throws {
        let path = TestFiles.malformed(expected.file)
        let format = FirmwareFormat(pathExtension: String(expected.file.split(separator: ".").last ?? ""))
        do {
            let image = try FirmwareFile.read(path: path, format: format, baseAddress: 0xFFFF_FF00)
            Issue.record("read \(image.byteCount) bytes instead of failing")
        } catch {
            #expect(
                error == FormatError(file: path, location: expected.location, kind: expected.kind),
                "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }
}
