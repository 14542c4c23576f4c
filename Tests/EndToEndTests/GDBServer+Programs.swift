import Foundation

/// Small C programs for the emulated core, built with arm-none-eabi-gcc when it is installed:
/// a vector table (MSP 0x20008000, the reset handler) at 0x08000000, code in flash, data in SRAM.
extension GDBServer {
    static let compilerPath = "/usr/bin/arm-none-eabi-gcc"
    static var compilerMissing: String? {
        FileManager.default.isExecutableFile(atPath: compilerPath)
            ? nil : "skipped: arm-none-eabi-gcc is not installed (apt install gcc-arm-none-eabi)"
    }

    static let linkerScript = """
        MEMORY { FLASH (rx) : ORIGIN = 0x08000000, LENGTH = 512K
                 RAM (rwx) : ORIGIN = 0x20000000, LENGTH = 192K }
        SECTIONS {
          .text : { KEEP(*(.vectors)) *(.text*) *(.rodata*) } > FLASH
          .bss (NOLOAD) : { *(.bss*) *(COMMON) } > RAM
        }
        """

    /// Compiles `source` (which defines `reset`) for the M33 with its FPU (hard float), with debug information.
    func program(_ name: String, c source: String) throws -> String {
        let file = directory.appendingPathComponent(name + ".c")
        let script = directory.appendingPathComponent(name + ".ld")
        let elf = directory.appendingPathComponent(name + ".elf")
        let vectors = """
            void reset(void);
            __attribute__((section(".vectors"), used)) static void *const vectors[] = {(void *)0x20008000, reset};

            """
        try (vectors + source).write(to: file, atomically: true, encoding: .utf8)
        try Self.linkerScript.write(to: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.compilerPath)
        process.arguments = [
            "-mcpu=cortex-m33", "-mthumb", "-mfpu=fpv5-sp-d16", "-mfloat-abi=hard", "-O1", "-g", "-nostdlib",
            "-nostartfiles", "-T", script.path, "-o", elf.path, file.path,
        ]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw ServeFailure(message: "arm-none-eabi-gcc failed: \(text)")
        }
        return elf.path
    }
}
