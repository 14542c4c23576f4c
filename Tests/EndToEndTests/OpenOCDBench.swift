import Foundation
import Testing

/// A device file, `flashscope serve` on it and real OpenOCD as the client: the fixture of the
/// OpenOCD tests, which then check the device file with FlashScope's own commands.
struct OpenOCDBench {
    static let skipMessage = "skipped: openocd is not installed (apt install openocd)"
    static var examples: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples")
    }
    /// The sample images of the README tour: a bootloader at 0x08000000 (6 KiB) and an
    /// application at 0x08040000 (20 KiB), each starting with a vector table.
    static let bootloaderHex = examples.appendingPathComponent("bootloader.hex").path
    static let applicationHex = examples.appendingPathComponent("application.hex").path
    static let applicationBase: UInt32 = 0x0804_0000

    let runner: CommandRunner

    /// A factory-fresh device; `setup` runs FlashScope commands on it before anything is served.
    init(setup: [[String]] = []) throws {
        runner = try CommandRunner()
        try runner.run(["init"])
        for command in setup {
            let output = try runner.run(command)
            guard output.status == 0 else {
                throw ServeFailure(message: "\(command.joined(separator: " ")): \(output.stderr)")
            }
        }
    }

    /// Serves the device to one OpenOCD run of `commands` (by default WORKAREASIZE 0: the
    /// direct-write path; with `workArea` the driver's RAM loader on the emulated core), then
    /// stops the server. Nil when openocd is absent. The server must stop cleanly.
    func openocd(_ commands: [String], workArea: Bool = false) throws -> String? {
        let served = try ServedDevice(runner)
        guard let (_, log) = try served.openocd(commands, workArea: workArea) else {
            _ = served.stop()
            return nil
        }
        let (status, serveLog) = served.stop()
        #expect(status == 0, "serve: \(serveLog)")
        return log
    }

    /// `flashscope read` of `count` bytes at `address`, as raw bytes.
    func read(_ address: UInt32, _ count: Int) throws -> [UInt8] {
        let dump = runner.directory.appendingPathComponent("read-\(UUID().uuidString).bin").path
        let output = try runner.run([
            "read", "0x" + String(address, radix: 16), String(count), "--output", dump, "--format", "bin",
        ])
        guard output.status == 0 else { throw ServeFailure(message: "read: \(output.stderr)") }
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: dump)))
    }

    /// `flashscope show --json` of the newest operation in the device's log.
    func lastOperation() throws -> String {
        let entries = try runner.run(["log", "--json"]).json() as? [[String: Any]] ?? []
        guard let id = entries.last?["id"] as? Int else { return "" }
        return try runner.run(["show", String(id), "--json"]).text
    }

    /// `flashscope convert` of a sample image into another format (by extension).
    func convert(_ input: String, to name: String) throws -> String {
        let path = runner.directory.appendingPathComponent(name).path
        let output = try runner.run(["convert", input, path], useDevice: false)
        guard output.status == 0 else { throw ServeFailure(message: "convert: \(output.stderr)") }
        return path
    }

    /// An executable ELF of `binary` linked at `address` (one PT_LOAD segment, as a linker makes
    /// it); nil when the arm-none-eabi binutils are absent.
    func elf(of binary: String, at address: UInt32, entry: UInt32) throws -> String? {
        let tools = ["/usr/bin/arm-none-eabi-objcopy", "/usr/bin/arm-none-eabi-ld"]
        guard tools.allSatisfy({ FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let object = runner.directory.appendingPathComponent("image.o").path
        let elf = runner.directory.appendingPathComponent("image.elf").path
        try Self.tool(
            tools[0],
            [
                "-I", "binary", "-O", "elf32-littlearm", "-B", "arm", "--rename-section",
                ".data=.text,alloc,load,readonly,code,contents", binary, object,
            ])
        try Self.tool(tools[1], ["-e", Self.hex(entry), "-Ttext=" + Self.hex(address), "-o", elf, object])
        return elf
    }

    static func hex(_ value: UInt32) -> String { "0x" + String(value, radix: 16) }

    private static func tool(_ path: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ServeFailure(message: "\(path) failed") }
    }

    /// The bytes of a sample image (through `flashscope convert` to binary).
    func bytes(of image: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: try convert(image, to: "\(UUID().uuidString).bin"))))
    }
}
