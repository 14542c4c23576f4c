import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `flashscope serve` running on a device file, for tests that connect real clients to it.
final class ServedDevice {
    let process = Process()
    let host: String
    let port: UInt16
    private let errors = Pipe()

    /// Starts the server and waits for its `remote-bitbang HOST:PORT` line.
    init(_ runner: CommandRunner, arguments: [String] = []) throws {
        process.executableURL = CommandRunner.executable
        process.arguments = ["serve", "--device", runner.device, "--remote-bitbang", "0"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["FLASHSCOPE_DEVICE"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let address = text.replacingOccurrences(of: "remote-bitbang ", with: "").split(separator: ":")
        guard text.hasPrefix("remote-bitbang "), address.count == 2, let port = UInt16(address[1]) else {
            process.terminate()
            throw ServeFailure(message: "serve printed '\(text)'")
        }
        host = String(address[0])
        self.port = port
    }

    /// SIGTERM, then the exit status and what it logged.
    func stop() -> (status: Int32, log: String) {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, log)
    }

    deinit { if process.isRunning { process.terminate() } }

    /// Runs OpenOCD against the server with `commands` (then shutdown); nil when openocd is not installed.
    func openocd(_ commands: [String], workArea: Bool = true, timeout: TimeInterval = 120) throws -> (
        status: Int32, log: String
    )? {
        guard let (client, pipe) = try launchOpenOCD(commands, workArea: workArea) else { return nil }
        let deadline = Date().addingTimeInterval(timeout)
        var log = Data()
        while client.isRunning || !(pipe.fileHandleForReading.availableData.isEmpty) {
            if Date() > deadline {
                client.terminate()
                break
            }
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { usleep(20_000) } else { log.append(chunk) }
        }
        client.waitUntilExit()
        return (client.terminationStatus, String(decoding: log, as: UTF8.self))
    }

    /// Starts OpenOCD against the server without waiting for it; its output goes to the pipe.
    func launchOpenOCD(_ commands: [String], workArea: Bool = true) throws -> (Process, Pipe)? {
        try Self.launchOpenOCD(port: port, commands, workArea: workArea)
    }

    /// Starts OpenOCD against a remote_bitbang listener on `port` without waiting for it.
    static func launchOpenOCD(port: UInt16, _ commands: [String], workArea: Bool = true) throws -> (Process, Pipe)? {
        guard let openocd = openocdPath else { return nil }
        let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/openocd-flashscope.cfg").path
        let client = Process()
        client.executableURL = URL(fileURLWithPath: openocd)
        // No gdb/telnet/tcl listeners: tests run side by side, and OpenOCD's fixed ports would clash.
        var arguments = [
            "-c", "set FLASHSCOPE_PORT \(port)", "-c", "gdb_port disabled; telnet_port disabled; tcl_port disabled",
        ]
        if !workArea { arguments += ["-c", "set WORKAREASIZE 0"] }
        arguments += ["-f", config, "-c", (["init"] + commands + ["shutdown"]).joined(separator: "; ")]
        client.arguments = arguments
        let pipe = Pipe()
        client.standardOutput = pipe
        client.standardError = pipe
        try client.run()
        return (client, pipe)
    }

    static var openocdPath: String? {
        ["/usr/bin/openocd", "/usr/local/bin/openocd"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A raw TCP connection to the listener.
    func connect() throws -> Int32 { try Self.connect(host: host, port: port) }

    /// A raw TCP connection to a listener (10 s receive timeout).
    static func connect(host: String, port: UInt16) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, host, &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw ServeFailure(message: "cannot connect to \(host):\(port)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return descriptor
    }
}

struct ServeFailure: Error { let message: String }

/// Sends bytes and reads what comes back until `count` bytes or the peer closes (0 bytes read).
func exchange(_ descriptor: Int32, send text: String, expect count: Int) -> [UInt8] {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 256)
    while received.count < count {
        let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if got <= 0 { break }
        received += buffer[0..<got]
    }
    return received
}
