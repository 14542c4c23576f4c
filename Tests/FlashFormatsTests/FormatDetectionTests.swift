import FlashFormats
import Testing

@Suite struct FormatDetectionTests {
    @Test(arguments: [
        ("hex", FirmwareFormat.intelHex), ("IHEX", .intelHex), ("srec", .srecord), ("s19", .srecord),
        ("s28", .srecord), ("s37", .srecord), ("mot", .srecord), ("elf", .elf), ("axf", .elf),
        ("out", .elf), ("bin", .binary),
    ])
    func extensionsNameFormats(_ pathExtension: String, _ format: FirmwareFormat) {
        #expect(FirmwareFormat(pathExtension: pathExtension) == format)
    }

    @Test func contentWinsOverAMisleadingExtension() {
        #expect(FirmwareFormat.detect(bytes: Array(":020000040800F2\n".utf8), pathExtension: "srec") == .intelHex)
        #expect(FirmwareFormat.detect(bytes: Array("S00600004844521B\n".utf8), pathExtension: "hex") == .srecord)
        #expect(FirmwareFormat.detect(bytes: [0x7F, 0x45, 0x4C, 0x46, 1, 1, 1], pathExtension: "hex") == .elf)
    }

    @Test func binExtensionWinsOverContent() {
        #expect(FirmwareFormat.detect(bytes: Array(":020000040800F2\n".utf8), pathExtension: "bin") == .binary)
    }

    @Test func unrecognisedContentFollowsTheExtensionElseBinary() {
        #expect(FirmwareFormat.detect(bytes: [0, 1, 2], pathExtension: "hex") == .intelHex)
        #expect(FirmwareFormat.detect(bytes: [0, 1, 2], pathExtension: nil) == .binary)
        #expect(FirmwareFormat.detect(bytes: [], pathExtension: "txt") == .binary)
    }

    @Test func leadingBlankLinesAreSkipped() {
        #expect(FirmwareFormat.detect(bytes: Array("\r\n\n:020000040800F2\n".utf8), pathExtension: nil) == .intelHex)
    }

    @Test(arguments: [
        ("out.hex", FirmwareFormat?.some(.intelHex)), ("dir.v2/out.S37", .srecord), ("flash.bin", .binary),
        ("a.elf", nil), ("noextension", nil), (".hex", nil),
    ])
    func outputPathChoosesAWritableFormat(_ path: String, _ format: FirmwareFormat?) {
        #expect(FirmwareFormat(forOutputPath: path) == format)
    }

    @Test func explicitFormatOverridesDetection() throws {
        let bytes = Array(":020000040800F2\n".utf8)
        let image = try FirmwareFile.read(bytes: bytes, name: "x.hex", format: .binary, baseAddress: 0x100)
        #expect(image.byteCount == bytes.count)
    }
}
