/// Program and erase durations the virtual clock uses (reference §6, STM32L4 figures, unverified for the L5).
public struct FlashTiming: Sendable, Equatable {
    public let doubleWordProgram: UInt64
    public let pageErase: UInt64
    public let massErase: UInt64
    /// OPTSTRT; no figure was found, taken as one page erase.
    public let optionProgram: UInt64

    public init(_ choice: ModelAssumptions.Timing) {
        switch choice {
        case .typical:
            doubleWordProgram = 81_700
            pageErase = 22_000_000
            massErase = 22_100_000
        case .maximum:
            doubleWordProgram = 90_800
            pageErase = 24_500_000
            massErase = 25_000_000
        }
        optionProgram = pageErase
    }
}
