import FlashCore
import FlashFormats
import Foundation

/// Where the committed test files live, found from this source file's path.
enum TestFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Fixtures")
    static let malformed = root.appendingPathComponent("Malformed")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
    static func malformed(_ name: String) -> String { malformed.appendingPathComponent(name).path }

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

extension FirmwareFile {
    /// Reads text written in a test.
    static func read(text: String, format: FirmwareFormat) throws(FormatError) -> MemoryImage {
        try read(bytes: Array(text.utf8), name: "test", format: format)
    }
}

extension MemoryImage {
    /// A test image from (address, bytes) pairs; traps on overlap, which tests never build.
    static func make(_ pieces: [(UInt32, [UInt8])], start: UInt32? = nil) -> MemoryImage {
        var image = MemoryImage()
        for (address, bytes) in pieces {
            do { try image.insert(bytes, at: address) } catch { preconditionFailure("test image overlaps") }
        }
        image.startAddress = start
        return image
    }
}
