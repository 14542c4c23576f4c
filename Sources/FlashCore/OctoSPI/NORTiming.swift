/// How long the MX25LM51245G holds WIP, in nanoseconds (reference §1.4).
package struct NORTiming: Sendable, Equatable {
    package let pageProgram: UInt64
    package let sectorErase: UInt64
    package let blockErase: UInt64
    package let chipErase: UInt64
    /// WRSR and the non-volatile CR2 @0x4000_0000; only a maximum is published, used for both choices.
    package let registerWrite: UInt64
    /// RST while a program or erase is in progress.
    package let resetRecovery: UInt64

    package init(_ choice: NORAssumptions.Timing) {
        switch choice {
        case .typical:
            pageProgram = 150_000
            sectorErase = 25_000_000
            blockErase = 220_000_000
            chipErase = 150_000_000_000
        case .maximum:
            // The L5 loader readme's 1.5 ms, the larger of the conflicting page maxima.
            pageProgram = 1_500_000
            sectorErase = 400_000_000
            blockErase = 2_000_000_000
            chipErase = 300_000_000_000
        }
        registerWrite = 40_000_000
        resetRecovery = 100_000_000
    }
}
