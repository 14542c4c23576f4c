import ArgumentParser
import FlashCore

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Compare the device with a file and explain each difference.",
        discussion: "Exit status 0 when equal, 3 on a mismatch.")

    @OptionGroup var options: DeviceOptions

    @Argument(help: "Intel HEX, S-record, ELF or binary (binary needs --address).")
    var file: String

    @OptionGroup var firmware: FirmwareOptions

    func run() throws {
        let comparison = try firmware.compare(file, withDeviceOf: options)
        if options.json {
            JSONOutput.print(DiffCommand.json(comparison))
        } else if comparison.isEqual {
            print("\(file): the device holds all \(comparison.bytesCompared) bytes")
        } else {
            print(
                "\(file): \(comparison.bytesDiffering) of \(comparison.bytesCompared) bytes differ "
                    + "in \(comparison.ranges.count) range\(comparison.ranges.count == 1 ? "" : "s")")
            for mismatch in comparison.first {
                print(
                    "  \(hex(mismatch.address)): file \(byte(mismatch.expected)), flash \(byte(mismatch.actual)) — \(mismatch.cause)"
                )
            }
            if comparison.bytesDiffering > comparison.first.count {
                print("  … and \(comparison.bytesDiffering - comparison.first.count) more (see `flashscope diff`)")
            }
        }
        if !comparison.isEqual { throw CommandFailure.silent(ExitStatus.verifyMismatch) }
    }

    private func byte(_ value: UInt8) -> String {
        "0x" + (value < 16 ? "0" : "") + String(value, radix: 16, uppercase: true)
    }
}
