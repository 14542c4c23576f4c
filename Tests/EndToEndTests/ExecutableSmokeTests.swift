import Foundation
import Testing

/// The built `flashscope` executable starts and exits cleanly; the command
/// tests proper belong to the command line's own suites.
@Suite struct ExecutableSmokeTests {
    /// The executable beside the test bundle in the build products folder.
    static func executable() -> URL? {
        var folder = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("flashscope")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    @Test func helpExitsSuccessfully() throws {
        let url = try #require(Self.executable(), "flashscope not found near \(Bundle.main.bundleURL.path)")
        let process = Process()
        process.executableURL = url
        process.arguments = ["--help"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(!text.isEmpty)
    }
}
