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
            // One line per run of bytes with one cause: a page never programmed is one line, not 2048.
            for run in comparison.runs {
                let first = run.first
                let where_ =
                    run.range.count == 1
                    ? hex(run.range.from) : "\(hex(run.range.from))–\(hex(run.range.to)) (\(run.range.count) bytes)"
                print(
                    "  \(where_): file \(byte(first.expected)), flash \(byte(first.actual))"
                        + "\(run.range.count == 1 ? "" : " at the first") — \(run.cause.text)")
            }
            let more = comparison.runCount - comparison.runs.count
            if more > 0 { print("  … and \(more) more range\(more == 1 ? "" : "s") (see `flashscope diff`)") }
        }
        if !comparison.isEqual { throw CommandFailure.silent(ExitStatus.verifyMismatch) }
    }

    private func byte(_ value: UInt8) -> String {
        "0x" + (value < 16 ? "0" : "") + String(value, radix: 16, uppercase: true)
    }
}
