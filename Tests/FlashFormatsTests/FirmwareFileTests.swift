import FlashCore
import FlashFormats
import Foundation
import Testing

/// The path-based API the command line uses.
@Suite struct FirmwareFileTests {
    @Test func missingFileIsUnreadableNotBadData() {
        do {
            _ = try FirmwareFile.read(path: "/nonexistent/firmware.hex")
            Issue.record("expected an error")
        } catch {
            #expect(error.isUnreadableFile)
            #expect(error.description.hasPrefix("/nonexistent/firmware.hex: cannot read file: "))
        }
    }

    @Test func directoryIsUnreadable() {
        #expect(throws: FormatError(file: "/tmp", kind: .cannotOpen(reason: "is a directory"))) {
            try FirmwareFile.read(path: "/tmp", format: .intelHex)
        }
    }

    @Test func binaryNeedsABaseAddress() {
        #expect(throws: FormatError(file: TestFiles.fixture("data.bin"), kind: .missingBaseAddress)) {
            try FirmwareFile.read(path: TestFiles.fixture("data.bin"))
        }
    }

    @Test(arguments: [FirmwareFormat.intelHex, .srecord, .binary])
    func writesAFileThatReadsBack(_ format: FirmwareFormat) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "flashformats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(
            "out.\(format == .binary ? "bin" : format == .srecord ? "srec" : "hex")"
        ).path
        let image = MemoryImage.make([(0x0800_0000, Array(0..<200)), (0x0800_0400, [9, 8, 7])], start: 0x0800_0001)
        try FirmwareFile.write(image, to: path, format: format)
        let again = try FirmwareFile.read(path: path, baseAddress: 0x0800_0000)
        if format == .binary {
            #expect(again.byteCount == 0x403)
            #expect(again.byte(at: 0x0800_0401) == 8)
            #expect(again.byte(at: 0x0800_0300) == 0xFF)
        } else {
            #expect(again == image)
        }
    }

    @Test func unwritablePathIsACannotWriteError() {
        do {
            try FirmwareFile.write(MemoryImage(), to: "/nonexistent/out.hex", format: .intelHex)
            Issue.record("expected an error")
        } catch {
            if case .cannotWrite = error.kind {} else { Issue.record("wrong kind \(error.kind)") }
            #expect(!error.isUnreadableFile)
        }
    }

    @Test func aLargeFileReadInChunksMatchesTheSameBytesInMemory() throws {
        // More than the 1 MiB read chunk, so lines straddle chunk boundaries.
        let image = MemoryImage.make([(0x0800_0000, (0..<400_000).map { UInt8(truncatingIfNeeded: $0 * 31) })])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "flashformats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for format in [FirmwareFormat.intelHex, .srecord] {
            let path = directory.appendingPathComponent("big.\(format.rawValue)").path
            try FirmwareFile.write(image, to: path, format: format)
            let again = try FirmwareFile.read(path: path, format: format)
            #expect(again.segments == image.segments)
        }
    }
}
