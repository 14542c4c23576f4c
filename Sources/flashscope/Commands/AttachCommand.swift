import ArgumentParser
import Attach
import DeviceStore
import FlashCore
import Foundation
import GDBRemote

struct AttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Read a real board through the GDB server its probe runs into a device file (read-only by default).",
        discussion: """
            Identifies the chip (DBGMCU_IDCODE, FLASH_SIZE, the option registers), then reads both banks, OTP, \
            the UID and, when the board maps it, the OCTOSPI window into --device. A running core keeps running \
            unless --halt; nothing is reset without --reset.
            --compare FILE lists how the board differs from a device file or a firmware file (exit 3 when they differ).
            --live erase ADDRESS [LENGTH] | --live program FILE | --live ob NAME=VALUE... runs FlashScope's built-in algorithm on the chip: \
            first on the snapshot (--device, or a fresh one) as a prediction, then on the chip through the server's \
            memory accesses, then reads back what it touched and says whether the chip did what was predicted \
            (exit 5 when it did not).
            Exit status: 0 done; 1 the chip reported a flash error; 3 --compare found differences; 4 parts of \
            the chip could not be read (readout protection): the snapshot holds erased bytes there; 5 a live \
            operation diverged from its prediction; 64 usage (a device file that exists, without --force); \
            65 not an STM32L5, or a server that answers nonsense; 69 the server cannot be reached or stopped \
            answering (the message names the last packet, or the last acknowledged access).
            """)

    @Argument(
        help: ArgumentHelp("The GDB server: HOST:PORT (OpenOCD's default is localhost:3333).", valueName: "host:port"))
    var server: String

    @OptionGroup var options: DeviceOptions

    @Flag(help: "Replace an existing device file.")
    var force = false

    @Option(
        name: .customLong("octospi-length"),
        help: ArgumentHelp(
            "Bytes of the OCTOSPI flash to read when its window answers (default: all 64 MiB).", valueName: "n"))
    var octoSPILength: Number?

    @Option(help: ArgumentHelp("Compare the board with a device file or a firmware file.", valueName: "file"))
    var compare: String?

    @Option(help: ArgumentHelp("Run an operation on the chip: erase, program or ob.", valueName: "operation"))
    var live: String?

    @Argument(
        help: ArgumentHelp(
            "The operation's operands: ADDRESS [LENGTH] for erase, FILE for program, NAME=VALUE... for ob."))
    var operands: [String] = []

    @Flag(help: "With --live ob: OBL_LAUNCH afterwards (needs --allow-reset).")
    var launch = false

    @Flag(help: "With --live: print the model's trace and the chip's, as `trace` prints one, and where they depart.")
    var trace = false

    @OptionGroup var board: AttachOptions

    @OptionGroup var firmware: FirmwareOptions

    func validate() throws {
        guard ServerAddress(server) != nil else {
            throw ValidationError("'\(server)' is not HOST:PORT (for example 127.0.0.1:3333)")
        }
        if compare != nil && live != nil { throw ValidationError("give --compare or --live, not both") }
        if live == nil && !operands.isEmpty {
            throw ValidationError("unexpected argument '\(operands[0])' (operands go with --live)")
        }
        if let live, !["erase", "program", "ob"].contains(live) {
            throw ValidationError("--live takes erase, program or ob, not '\(live)'")
        }
        if launch && live != "ob" { throw ValidationError("--launch goes with --live ob") }
        if trace && live == nil { throw ValidationError("--trace goes with --live") }
        if launch && !board.allowReset {
            throw ValidationError(
                "--launch runs OBL_LAUNCH, which resets the chip (its firmware restarts); add --allow-reset to do it")
        }
    }

    func run() throws {
        guard let address = ServerAddress(server) else { throw CommandFailure.silent(ExitStatus.usage) }
        let session = try AttachSession(address, board, json: options.json)
        defer { session.close() }
        if let live {
            try runLive(live, session)
        } else if let compare {
            try runCompare(compare, session)
        } else {
            try runSnapshot(session)
        }
    }

    private func runSnapshot(_ session: AttachSession) throws {
        let path = options.resolvedPath.path
        if FileManager.default.fileExists(atPath: path) && !force {
            throw CommandFailure(
                "attach: \(path) exists (give --force to replace it with the board's snapshot)",
                status: ExitStatus.usage)
        }
        let snapshot = try session.snapshot(
            part: board.chosenPart, octoSPILength: octoSPILength.map { Int($0.value) })
        let state = snapshot.state
        try DeviceStore.create(at: path, state: state, force: force)
        if options.json {
            var object = session.json(snapshot)
            object["device"] = path
            JSONOutput.print(object)
        } else {
            for line in session.describe(snapshot) { print(line) }
            print("wrote     \(path)")
        }
        if !snapshot.unreadable.isEmpty {
            printError(
                "attach: \(AttachSession.unreadableText(snapshot)); the snapshot holds erased bytes there")
            throw ExitCode(ExitStatus.unreadable)
        }
    }
}
