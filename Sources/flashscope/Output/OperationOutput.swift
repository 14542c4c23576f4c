import ArgumentParser
import FlashCore
import Foundation

/// Prints an operation result and picks the exit status from it.
func finish(_ result: OperationResult, json: Bool) throws {
    if json {
        JSONOutput.print(JSONOutput.result(result))
    } else {
        print(ResultText.render(result))
    }
    // The result went to standard output; scripts that keep only stderr still get one line.
    if !result.succeeded {
        let why = result.errors.first.map { "\($0.flag) at \(hex($0.address))" } ?? result.failedCalls.first ?? "failed"
        printError("\(ResultText.headline(result)): the device reported an error: \(why)")
        throw ExitCode(ExitStatus.deviceError)
    }
    if let mismatches = result.verifyMismatches, let first = mismatches.first {
        printError(
            "\(result.kind.rawValue): verification found \(mismatches.count) differing range(s), the first at \(hex(first.from))"
        )
        throw ExitCode(ExitStatus.verifyMismatch)
    }
}

/// `--algorithm`, `--dry-run` and `--pending`, shared by erase and program.
struct OperationOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The flash algorithm: \(FlashEngine.algorithmNames.joined(separator: ", ")).", valueName: "name"))
    var algorithm: String = FlashEngine.defaultAlgorithm

    @OptionGroup var vendor: AlgorithmFileOptions

    @Flag(name: .customLong("dry-run"), help: "Predict what would happen; change nothing.")
    var dryRun = false

    @Flag(help: "With --dry-run: predict under the pending option bytes, as after OBL_LAUNCH.")
    var pending = false

    func validate() throws {
        if pending && !dryRun { throw ValidationError("--pending goes with --dry-run") }
        if vendor.file != nil && algorithm != FlashEngine.defaultAlgorithm {
            throw ValidationError("give --algorithm or --algorithm-file, not both")
        }
        if !FlashEngine.algorithmNames.contains(algorithm) {
            throw ValidationError(
                "no algorithm named '\(algorithm)' (known: \(FlashEngine.algorithmNames.joined(separator: ", ")))")
        }
    }

    /// Runs the operation for real (and saves it) or as a plan.
    /// The built-in algorithm `--algorithm` names, for the engine's device.
    func builtIn(for engine: FlashEngine) throws(EngineError) -> InternalFlashAlgorithm {
        try InternalFlashAlgorithm.named(algorithm, assumptions: engine.machine.controller.assumptions)
    }

    /// `subject` names what the operation took (the file programmed), for the history.
    func run(
        _ session: DeviceSession, json: Bool, subject: String? = nil,
        _ operation: (FlashEngine) throws -> OperationResult
    ) throws {
        let result: OperationResult
        if dryRun {
            result = try session.engine.plan(withPendingOptions: pending, operation)
        } else {
            if !json { session.engine.progress = ProgressLine.reporter() }
            do {
                // Cleared on a throw too, so an error message starts its own line.
                defer { ProgressLine.clear() }
                result = try operation(session.engine)
            }
            try session.commit(result, command: commandLine, subject: subject)
        }
        try finish(result, json: json)
    }
}

/// A progress line on stderr, only when both stdout and stderr are terminals.
enum ProgressLine {
    static var isTerminal: Bool { isatty(STDOUT_FILENO) != 0 && isatty(STDERR_FILENO) != 0 }

    static func reporter() -> ProgressObserver? {
        guard isTerminal else { return nil }
        return { done, total in
            guard total >= 8 else { return .proceed }
            let percent = done * 100 / max(total, 1)
            FileHandle.standardError.write(Data("\r  \(percent)% (\(done)/\(total) sectors)".utf8))
            return .proceed
        }
    }

    /// Progress over audit configurations.
    static func configurations() -> ((Int, Int) -> Void)? {
        guard isTerminal else { return nil }
        return { done, total in
            FileHandle.standardError.write(Data("\r  \(done)/\(total) configurations".utf8))
        }
    }

    static func clear() {
        guard isTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
