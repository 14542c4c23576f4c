import ArgumentParser
import FlashCore

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "List the address ranges where the device and a file differ.",
        discussion: "Exit status 0 when equal, 3 when they differ.")

    @OptionGroup var options: DeviceOptions

    @Argument(help: "Intel HEX, S-record, ELF or binary (binary needs --address).")
    var file: String

    @OptionGroup var firmware: FirmwareOptions

    static func json(_ comparison: ImageComparison) -> [String: Any] {
        [
            "equal": comparison.isEqual, "bytesCompared": comparison.bytesCompared,
            "bytesDiffering": comparison.bytesDiffering, "ranges": comparison.ranges.map(JSONOutput.range),
            "first": comparison.first.map { mismatch -> [String: Any] in
                [
                    "address": hex(mismatch.address), "expected": Int(mismatch.expected),
                    "actual": Int(mismatch.actual),
                    "cause": mismatch.cause,
                ]
            },
        ]
    }

    func run() throws {
        let comparison = try firmware.compare(file, withDeviceOf: options)
        if options.json {
            JSONOutput.print(Self.json(comparison))
        } else {
            for range in comparison.ranges {
                print("\(hex(range.from))–\(hex(range.to))  \(range.count) byte\(range.count == 1 ? "" : "s")")
            }
        }
        if !comparison.isEqual { throw CommandFailure.silent(ExitStatus.verifyMismatch) }
    }
}
