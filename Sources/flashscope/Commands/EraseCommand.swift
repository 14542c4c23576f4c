import ArgumentParser
import FlashCore
import FlashEmulation

struct EraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase the pages covering a range, a bank, or the whole flash.")

    @OptionGroup var options: DeviceOptions
    @OptionGroup var operation: OperationOptions

    @Argument(help: "First address to erase.")
    var address: Number?

    @Option(help: "Bytes to erase from ADDRESS (default 1: the page holding it).")
    var length: Number?

    @Option(help: "Erase a whole bank (1 or 2, as mapped now).")
    var bank: Int?

    @Flag(help: "Erase all of the embedded flash.")
    var mass = false

    @Flag(help: "Erase all of the OCTOSPI flash (chip erase).")
    var chip = false

    func validate() throws {
        let chosen = [address != nil, bank != nil, mass, chip].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("give exactly one of ADDRESS, --bank, --mass or --chip") }
        if length != nil && address == nil { throw ValidationError("--length goes with ADDRESS") }
    }

    func run() throws {
        let session = try DeviceSession(options)
        try operation.run(session, json: options.json) { engine in
            if let emulated = try operation.vendor.emulated(covering: address?.value) {
                return try erase(engine, with: emulated)
            }
            let algorithm = try operation.builtIn(for: engine)
            if let address {
                return try engine.erase(from: address.value, length: length?.value, using: algorithm)
            } else if let bank {
                return try engine.eraseBank(bank, using: algorithm)
            } else if chip {
                return try engine.eraseOSPIChip()
            }
            return engine.massErase(using: algorithm)
        }
    }

    /// The same requests with a vendor algorithm; --mass and --chip call its EraseChip.
    private func erase(_ engine: FlashEngine, with algorithm: EmulatedFlashAlgorithm) throws -> OperationResult {
        if let address { return try engine.erase(from: address.value, length: length?.value, using: algorithm) }
        if let bank { return try engine.eraseBank(bank, using: algorithm) }
        let external = FlashRegion.of(algorithm.addressRange.lowerBound) == .ospi
        if chip != external {
            throw CommandFailure(
                "\(algorithm.name) is for the \(external ? "OCTOSPI" : "embedded") flash: use \(external ? "--chip" : "--mass")",
                status: ExitStatus.usage)
        }
        return engine.eraseChip(using: algorithm)
    }
}
