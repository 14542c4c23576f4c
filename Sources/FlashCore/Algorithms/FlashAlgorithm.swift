/// What an algorithm's Init is being called for (the CMSIS `fnc` argument).
package enum AlgorithmFunction: UInt32, Sendable {
    case erase = 1
    case program = 2
    case verify = 3

    /// How the trace names Init and UnInit for this function: `Init(erase)`, `UnInit(program)`.
    package var callSuffix: String {
        switch self {
        case .erase: "(erase)"
        case .program: "(program)"
        case .verify: "(verify)"
        }
    }
}

/// One erasable unit as an algorithm declares it.
package struct DeclaredSector: Equatable, Sendable {
    package let start: UInt32
    package let size: UInt32

    package init(start: UInt32, size: UInt32) {
        self.start = start
        self.size = size
    }

    package var end: UInt64 { UInt64(start) + UInt64(size) }
}

/// A flash algorithm in the shape of a CMSIS flash algorithm (Init, UnInit, EraseSector,
/// ProgramPage, EraseChip). It reaches the device only through bus reads and writes;
/// every entry point returns 0 on success, like its C counterpart.
package protocol FlashAlgorithm: AnyObject {
    /// The name users pass to `--algorithm`.
    var name: String { get }
    /// The address range the algorithm programs.
    var addressRange: ClosedRange<UInt32> { get }
    /// The largest block ProgramPage takes.
    var pageSize: UInt32 { get }
    /// The sector holding an address, as the algorithm declares it; valid after `initialize`.
    func sector(containing address: UInt32) -> DeclaredSector?

    func initialize(bus: Bus, address: UInt32, clock: UInt32, function: AlgorithmFunction) -> UInt32
    func uninitialize(bus: Bus, function: AlgorithmFunction) -> UInt32
    func eraseSector(bus: Bus, address: UInt32) -> UInt32
    func programPage(bus: Bus, address: UInt32, bytes: [UInt8]) -> UInt32
    func eraseChip(bus: Bus) -> UInt32
    /// Why the last entry point failed, when there is more to say than its return code
    /// (an emulated algorithm that faulted); nil otherwise.
    var failureDetail: String? { get }
}

extension FlashAlgorithm {
    package var failureDetail: String? { nil }
}

extension DeclaredSector {
    /// Whether the sector holds an address (a sector that does not is a broken declaration).
    package func contains(_ address: UInt32) -> Bool { start <= address && UInt64(address) < end }
}
