import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `flashscope serve --gdb 0` on a device file, and real gdb-multiarch driven against it in
/// batch mode (debug-port.md §7). Its log goes to a file, so a test can read it while it runs.
final class GDBServer {
    let process = Process()
    let port: UInt16
    let logFile: URL
    let directory: URL
    /// What serve printed on standard output up to its `gdb` line.
    let readiness: String

    static let gdbPath: String? = ["/usr/bin/gdb-multiarch"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let toolsMissing: String? = {
        if gdbPath == nil { return "skipped: gdb-multiarch is not installed (apt install gdb-multiarch)" }
        for tool in ["arm-none-eabi-objcopy", "arm-none-eabi-ld"]
        where !FileManager.default.isExecutableFile(atPath: "/usr/bin/" + tool) {
            return "skipped: \(tool) is not installed (apt install binutils-arm-none-eabi)"
        }
        return nil
    }()

    /// Starts the server and waits for its `gdb HOST:PORT` line.
    init(_ runner: CommandRunner, arguments: [String] = []) throws {
        directory = URL(fileURLWithPath: runner.device).deletingLastPathComponent()
        logFile = directory.appendingPathComponent("serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process.executableURL = CommandRunner.executable
        process.arguments = ["serve", "--device", runner.device, "--gdb", "0"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["FLASHSCOPE_DEVICE"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: logFile)
        try process.run()
        var text = ""
        var found: UInt16?
        while found == nil {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            text += String(decoding: chunk, as: UTF8.self)
            for line in text.split(separator: "\n") where line.hasPrefix("gdb ") {
                found = line.split(separator: ":").last.flatMap { UInt16($0) }
            }
        }
        guard let found else {
            process.terminate()
            throw ServeFailure(message: "serve printed '\(text)'")
        }
        port = found
        readiness = text
    }

    deinit { if process.isRunning { process.terminate() } }

    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// SIGTERM, then the exit status and what it logged.
    func stop() -> (status: Int32, log: String) {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return (process.terminationStatus, log)
    }

    /// gdb-multiarch in batch mode: connects, runs `commands`, quits. Output is stdout and stderr together.
    func gdb(_ commands: [String], file: String? = nil, connect: Bool = true) throws -> (status: Int32, output: String)
    {
        guard let gdbPath = Self.gdbPath else { return (-1, "") }
        let client = Process()
        client.executableURL = URL(fileURLWithPath: gdbPath)
        var arguments = ["-batch", "-nx", "-ex", "set architecture armv8-m.main", "-ex", "set confirm off"]
        if connect { arguments += ["-ex", "target extended-remote 127.0.0.1:\(port)"] }
        for command in commands { arguments += ["-ex", command] }
        if let file { arguments.append(file) }
        client.arguments = arguments
        let outputFile = directory.appendingPathComponent("gdb-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: outputFile)
        client.standardOutput = handle
        client.standardError = handle
        client.standardInput = FileHandle.nullDevice
        try client.run()
        // No timed assertion: a hung gdb is stopped after a generous limit so the suite ends.
        let deadline = Date().addingTimeInterval(300)
        while client.isRunning && Date() < deadline { usleep(20_000) }
        if client.isRunning { client.terminate() }
        client.waitUntilExit()
        try handle.close()
        return (client.terminationStatus, (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "")
    }

    /// A linked ELF with one loadable section of `bytes` at `address` (a program header, as
    /// FlashScope's own reader wants): objcopy turns the bytes into an object, ld places it.
    func elf(_ name: String, bytes: [UInt8], at address: UInt32) throws -> String {
        let binary = directory.appendingPathComponent(name + ".bin")
        let object = directory.appendingPathComponent(name + ".o")
        let elf = directory.appendingPathComponent(name + ".elf")
        try Data(bytes).write(to: binary)
        let place = "0x" + String(address, radix: 16)
        try tool(
            "arm-none-eabi-objcopy",
            [
                "-I", "binary", "-O", "elf32-littlearm", "-B", "arm", "--rename-section",
                ".data=.text,alloc,load,contents,code", binary.lastPathComponent, object.path,
            ])
        try tool("arm-none-eabi-ld", ["-Ttext=\(place)", "-e", place, "-o", elf.path, object.path])
        return elf.path
    }

    private func tool(_ name: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + name)
        process.currentDirectoryURL = directory
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ServeFailure(message: "\(name) failed: \(arguments)") }
    }

    /// A raw TCP connection to the gdb listener.
    func connect() throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw ServeFailure(message: "cannot connect to 127.0.0.1:\(port)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return descriptor
    }
}

/// A deterministic byte pattern (so two loads of the same name are the same bytes).
func pattern(_ count: Int, seed: UInt32) -> [UInt8] {
    var state = seed | 1
    return (0..<count).map { _ in
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        return UInt8(truncatingIfNeeded: state)
    }
}
