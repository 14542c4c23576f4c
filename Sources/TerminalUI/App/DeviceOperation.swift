import FlashCore
import TerminalKit

/// A device-changing operation the UI can ask for; every one runs through `FlashEngine`.
package enum DeviceOperation: Sendable, Equatable {
    /// Erase the page (as the algorithm declares it) holding an address.
    case erasePage(UInt32)
    /// Erase the OCTOSPI sector holding an address (OCTOSPI flash has one algorithm).
    case eraseSector(UInt32)
    case eraseBank(Int)
    case massErase
    /// Erase the whole OCTOSPI NOR chip (`erase --chip`).
    case eraseOctoSPIChip
    case program(LoadedFile)
    /// Stage one option field (pending until launch).
    case setOption(name: String, value: UInt32)
    case launch

    /// Runs the operation on `engine` with the algorithm chosen in the UI (nil: the built-in
    /// bank-aware one). Option bytes and OCTOSPI sectors do not use it.
    package func run(on engine: FlashEngine, using algorithm: (any FlashAlgorithm)?) throws(EngineError)
        -> OperationResult
    {
        switch self {
        case .erasePage(let address): try engine.erase(from: address, using: algorithm)
        case .eraseSector(let address): try engine.erase(from: address)
        case .eraseBank(let bank): try engine.eraseBank(bank, using: algorithm)
        case .massErase: engine.massErase(using: algorithm)
        case .eraseOctoSPIChip: try engine.eraseOSPIChip()
        case .program(let file): try engine.program(file.image, using: algorithm)
        case .setOption(let name, let value): try engine.setOptions([(name, value)], launch: false)
        case .launch: engine.launchOptions()
        }
    }

    /// The command as the history shows it.
    package func command(algorithm: String) -> String {
        let suffix = " --algorithm \(algorithm)"
        switch self {
        case .erasePage(let address): return "flashscope tui: erase \(hex(address))" + suffix
        case .eraseSector(let address): return "flashscope tui: erase \(hex(address))"
        case .eraseBank(let bank): return "flashscope tui: erase --bank \(bank)" + suffix
        case .massErase: return "flashscope tui: erase --mass" + suffix
        case .eraseOctoSPIChip: return "flashscope tui: erase --chip"
        case .program(let file):
            let start = file.image.bounds.map { hex($0.low) } ?? "?"
            return "flashscope tui: program \(file.name) --address \(start)" + suffix
        case .setOption(let name, let value): return "flashscope tui: ob set \(name)=\(Self.typed(name, value))"
        case .launch: return "flashscope tui: ob launch"
        }
    }

    /// An option value as `ob set` takes it (`RDP=0xCC`, `NSBOOTADD0=0x08000000`).
    private static func typed(_ name: String, _ value: UInt32) -> String {
        OptionField.named(name)?.typedValueText(value) ?? String(value)
    }

    /// A few words for the status line.
    package var title: String {
        switch self {
        case .erasePage(let address): "erase page at \(hex(address))"
        case .eraseSector(let address): "erase OCTOSPI sector at \(hex(address))"
        case .eraseBank(let bank): "erase bank \(bank)"
        case .massErase: "mass erase"
        case .eraseOctoSPIChip: "OCTOSPI chip erase"
        case .program(let file): "program \(file.name)"
        case .setOption(let name, let value): "set pending \(name)=\(Self.typed(name, value))"
        case .launch: "OBL_LAUNCH"
        }
    }
}
