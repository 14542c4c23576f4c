import Foundation

/// Runs the built `flashscope` binary, as a user or a script would.
struct CommandRunner {
    struct Output {
        let status: Int32
        let stdout: Data
        let stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }

        func json() throws -> Any { try JSONSerialization.jsonObject(with: stdout) }
        func object() throws -> [String: Any] { try json() as? [String: Any] ?? [:] }
    }

    let directory: URL
    let device: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("flashscope-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        device = directory.appendingPathComponent("device.fsdev").path
    }

    /// The executable built next to the test bundle.
    static var executable: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0])
        var candidates = [testBinary.deletingLastPathComponent().appendingPathComponent("flashscope")]
        var directory = testBinary.deletingLastPathComponent()
        while directory.path != "/" {
            candidates.append(directory.appendingPathComponent("flashscope"))
            directory.deleteLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/flashscope"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    @discardableResult
    /// `wrapper` runs the binary through another program (`setpriv` to drop root); `workingDirectory`
    /// replaces the runner's own directory (the README tours run from the package root).
    func run(
        _ arguments: [String], useDevice: Bool = true, environment extra: [String: String] = [:],
        wrapper: [String] = [], workingDirectory: URL? = nil
    ) throws -> Output {
        let process = Process()
        let command = [Self.executable.path] + arguments + (useDevice ? ["--device", device] : [])
        let full = wrapper + command
        process.executableURL = URL(fileURLWithPath: full[0])
        process.arguments = Array(full.dropFirst())
        var environment = ProcessInfo.processInfo.environment
        environment["FLASHSCOPE_DEVICE"] = nil
        environment["XDG_DATA_HOME"] = directory.appendingPathComponent("xdg").path
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.currentDirectoryURL = workingDirectory ?? directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }

    func file(_ name: String, bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// The device file's bytes (with its WAL), to prove a failed command changed nothing.
    func deviceFingerprint() -> Data {
        var data = Data()
        for suffix in ["", "-wal"] {
            data.append(FileManager.default.contents(atPath: device + suffix) ?? Data())
        }
        return data
    }
}
