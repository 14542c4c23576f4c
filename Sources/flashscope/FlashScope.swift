import ArgumentParser

@main
struct FlashScope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flashscope",
        abstract: "Inspect and simulate the STM32L5 dual-bank flash and the STM32L562E-DK OCTOSPI flash.",
        discussion: """
            Exit status: 0 success; 1 the device reported an error (a flash status flag); \
            2 algo check made findings; 3 verification found a mismatch; 64 usage error; 65 bad input data (a malformed \
            file, an address outside flash, a bad option value, a foreign or damaged device file); \
            66 an input file or device file that cannot be opened; 69 something this needs is unavailable (no usable terminal for the UI, or libunicorn2 for the algorithm emulator); \
            73 a command that writes found the device file read-only (read-only directory or mount, or a -wal that is not a file); \
            74 the device file could not be written; 75 another process changed the device file while the command ran \
            (nothing was written; run it again).
            """,
        version: FlashScopeVersion.text,
        subcommands: [
            TUICommand.self, InfoCommand.self, InitCommand.self, LocateCommand.self, OptionBytesCommand.self,
            EraseCommand.self, ProgramCommand.self, ReadCommand.self, TraceCommand.self, AssumeCommand.self,
            LogCommand.self, ShowCommand.self, UndoCommand.self, RedoCommand.self, SnapshotCommand.self,
            ImportDumpCommand.self, VerifyCommand.self, DiffCommand.self, ConvertCommand.self, ExportCommand.self,
            OctoSPICommand.self, AlgoCommand.self, ServeCommand.self, AttachCommand.self,
        ],
        defaultSubcommand: TUICommand.self
    )

    /// The one error boundary: every command's failure becomes one line on stderr and its
    /// documented status here; output that could not be written fails with 74.
    static func main() {
        do {
            if let failure = CommandSuggestion.failure(for: Array(CommandLine.arguments.dropFirst())) {
                throw failure
            }
            var command = try parseAsRoot()
            try command.run()
            try checkStandardOutput()
        } catch {
            if let failure = CommandFailure(reporting: error) {
                if !failure.message.isEmpty { printError(failure.message) }
                exit(withError: ExitCode(failure.status))
            }
            exit(withError: error)
        }
    }
}
