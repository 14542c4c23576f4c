import Foundation
import Testing
import FlashCore
@testable import FlashFormats

/// Output files appear whole or not at all.
@Suite struct OutputFileTests {
    private func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "flashscope-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func anUnfinishedWriteLeavesNothingAndKeepsTheOldFile() throws {
        let folder = try directory()
        let path = folder.appendingPathComponent("out.bin").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        do {
            let file = try OutputFile(path: path)
            try file.write([1, 2, 3, 4])
            // Dropped without finish(): as when a later write fails and the error propagates.
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("old".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.bin"])
    }

    @Test func finishReplacesTheFile() throws {
        let folder = try directory()
        let path = folder.appendingPathComponent("out.bin").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let file = try OutputFile(path: path)
        try file.write([1, 2, 3, 4])
        try file.finish()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data([1, 2, 3, 4]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.bin"])
    }

    @Test func aFullDeviceIsAnErrorNamingTheFile() throws {
        let file = try OutputFile(path: "/dev/full")
        #expect(throws: FormatError.self) { try file.write([UInt8](repeating: 0, count: 4096)) }
    }

    @Test func aBinaryOfFarApartPartsIsRefused() throws {
        let folder = try directory()
        let path = folder.appendingPathComponent("far.bin").path
        let image = try MemoryImage(segments: [
            .init(address: 0x0800_0000, bytes: [1]), .init(address: 0x9000_0000, bytes: [2]),
        ])
        #expect(throws: FormatError.self) { try FirmwareFile.write(image, to: path, format: .binary) }
        #expect(!FileManager.default.fileExists(atPath: path))
        let near = try MemoryImage(segments: [
            .init(address: 0x0800_0000, bytes: [1]), .init(address: 0x0804_0000, bytes: [2]),
        ])
        try FirmwareFile.write(near, to: path, format: .binary)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == 0x4_0001)
    }
}
