/// Program and erase durations the virtual clock uses (reference §6, STM32L4 figures, unverified for the L5).
package struct FlashTiming: Sendable, Equatable {
    package let doubleWordProgram: UInt64
    package let pageErase: UInt64
    package let massErase: UInt64
    /// OPTSTRT; no figure was found, taken as one page erase.
    package let optionProgram: UInt64

    package init(_ choice: ModelAssumptions.Timing) {
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
