import ArgumentParser
import FlashCore
import FlashEmulation

/// `--algorithm-file FILE [--algorithm-name NAME] [--instruction-budget N]`: a vendor
/// algorithm run on the emulated core.
struct AlgorithmFileOptions: ParsableArguments {
    @Option(
        name: .customLong("algorithm-file"),
        help: ArgumentHelp(
            "Run a vendor CMSIS flash algorithm: a .FLM file or a probe-rs target description (YAML).",
            valueName: "file"))
    var file: String?

    @Option(
        name: .customLong("algorithm-name"),
        help: ArgumentHelp(
            "Which algorithm of the file (default: the only one, or the only one covering the address).",
            valueName: "name"))
    var name: String?

    @Option(
        name: .customLong("instruction-budget"),
        help: ArgumentHelp(
            "Instructions one operation of the vendor algorithm may execute over all its calls (default \(EmulatedFlashAlgorithm.defaultOperationBudget)).",
            valueName: "N"))
    var instructionBudget: UInt64?

    func validate() throws {
        if name != nil && file == nil { throw ValidationError("--algorithm-name goes with --algorithm-file") }
        if instructionBudget != nil && file == nil {
            throw ValidationError("--instruction-budget goes with --algorithm-file")
        }
        if instructionBudget == 0 { throw ValidationError("--instruction-budget must be at least 1") }
    }

    /// The algorithms in the file, with failures turned into the one-line message and exit status.
    static func load(_ file: String) throws -> [VendorAlgorithm] {
        do {
            return try AlgorithmFile.load(file)
        } catch {
            throw CommandFailure(
                error.description, status: error.cannotOpen ? ExitStatus.cannotOpen : ExitStatus.badInput)
        }
    }

    /// The chosen algorithm, ready to run; nil without `--algorithm-file`.
    func emulated(covering address: UInt32?) throws -> EmulatedFlashAlgorithm? {
        guard let file else { return nil }
        let algorithms = try Self.load(file)
        let vendor: VendorAlgorithm
        do {
            vendor = try AlgorithmFile.select(algorithms, name: name, covering: address, file: file)
        } catch {
            throw CommandFailure(error.description, status: ExitStatus.usage)
        }
        let emulated = try Self.emulate(vendor)
        if let instructionBudget { emulated.operationBudget = instructionBudget }
        return emulated
    }

    static func emulate(_ vendor: VendorAlgorithm) throws -> EmulatedFlashAlgorithm {
        do {
            return try EmulatedFlashAlgorithm(vendor)
        } catch {
            switch error {
            case .libraryMissing, .unicorn: throw CommandFailure(error.description, status: ExitStatus.unavailable)
            case .badAlgorithm: throw CommandFailure("\(vendor.name): \(error)", status: ExitStatus.badInput)
            }
        }
    }
}
