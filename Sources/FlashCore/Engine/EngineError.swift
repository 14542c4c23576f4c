/// Misuse of the engine: a request that cannot be put to the device at all.
/// (What the device itself refuses comes back as status flags in the result.)
package enum EngineError: Error, Equatable, Sendable, CustomStringConvertible {
    case outsideFlash(LocateError)
    case unknownAlgorithm(String)
    case noSuchBank(Int, available: Int)
    case emptyRange
    case badOption(OptionBytesError)
    /// The address is outside the range the algorithm declares.
    case outsideAlgorithm(address: UInt32, algorithm: String, range: ClosedRange<UInt32>)
    /// The image's bytes could not be read (a file that shrank or failed); the operation stopped there.
    case imageUnreadable(String)
    /// The same while comparing the flash with an image (`verify`, `diff`).
    case comparisonUnreadable(String)
    /// The progress observer asked to stop; the machine is part-way and must be discarded.
    case stopped

    package var description: String {
        switch self {
        case .outsideFlash(let error): error.description
        case .unknownAlgorithm(let name):
            "no algorithm named '\(name)' (known: \(InternalFlashAlgorithm.Geometry.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .noSuchBank(let bank, let available):
            available == 1
                ? "bank \(bank) does not exist: DBANK=0 leaves one bank"
                : "bank \(bank) does not exist: banks are 1 and 2"
        case .emptyRange: "nothing to do: the range is empty"
        case .badOption(let error): error.description
        case .outsideAlgorithm(let address, let algorithm, let range):
            "\(hex(address)) is outside \(algorithm)'s range \(hex(range.lowerBound))–\(hex(range.upperBound))"
        case .imageUnreadable(let what): "programming stopped: \(what)"
        case .comparisonUnreadable(let what): "comparison stopped: \(what)"
        case .stopped: "stopped before it finished"
        }
    }
}
