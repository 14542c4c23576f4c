/// The choices about TrustZone reads, OTP programming and the old DBGMCU address that the
/// sources leave open (reference §8, debug-port.md §5), each with its default.
extension ModelAssumptions {
    /// What a read across the security boundary returns with TZEN=1: the non-secure alias
    /// (0x0800_0000) reading a secure page, or the secure alias (0x0C00_0000) a non-secure one.
    package enum SecurityMismatchRead: String, CaseIterable, Sendable {
        /// Read as zero, the write ignored; the illegal access goes to GTZC (not modelled), the trace says so.
        case zero
        /// The access is refused: the core takes a bus fault.
        case busError = "bus-error"
    }

    /// What a read of a hide-protected (HDP) page returns once HDPx_ACCDIS is set.
    package enum HiddenAreaRead: String, CaseIterable, Sendable {
        /// Read as zero, like the flash's other TrustZone refusals.
        case zero
        /// The access is refused: the core takes a bus fault.
        case busError = "bus-error"
    }

    /// Which control register's PG a double word written to the OTP area (0x0BFA_0000) is programmed under.
    package enum OTPProgramRegisters: String, CaseIterable, Sendable {
        /// NSCR; with TZEN=1 also SECCR (OpenOCD drives OTP through the secure registers then).
        case eitherWithTrustZone = "nscr-or-seccr"
        /// NSCR only, whatever TZEN says.
        case nonSecureOnly = "nscr-only"
    }

    /// What a read of 0xE004_2000 (the L4's DBGMCU_IDCODE, a reserved address on the L5) returns.
    package enum OldDBGMCUAddress: String, CaseIterable, Sendable {
        /// Zero: OpenOCD then moves on to the L5's 0xE004_4000.
        case zero
        /// A bus fault, which OpenOCD also passes over.
        case busError = "bus-error"
    }

    /// The entries of `specs` for these choices, in the order `info` shows them.
    static let securitySpecs: [AssumptionSpec] = [
        spec(
            "security-mismatch-read", \.securityMismatchRead,
            question: "With TZEN=1, what does a read of a secure page through 0x08000000 (or of a non-secure page "
                + "through 0x0C000000) return?",
            rationale: "L5 users report secure pages reading as zeros from the non-secure side (ST community); "
                + "RM0438's wording was not at hand."),
        spec(
            "hidden-area-read", \.hiddenAreaRead,
            question: "Once HDPx_ACCDIS is set, what does a read of a page of the secure hide area return?",
            rationale: "The HAL says only that access is denied; zero is how the flash refuses its other "
                + "TrustZone accesses."),
        spec(
            "otp-program-registers", \.otpProgramRegisters,
            question: "Is a double word written to the OTP area programmed under NSCR's PG only, or also SECCR's "
                + "with TZEN=1?",
            rationale: "OpenOCD's stm32l4x driver programs every bank, OTP included, through SECCR when TZEN=1 and "
                + "RDP is 0; the HAL programs OTP like any address."),
        spec(
            "old-dbgmcu-address", \.oldDBGMCUAddress,
            question: "What does a read of 0xE0042000 (DBGMCU_IDCODE on the L4) return on the L5?",
            rationale: "debug-port.md §5: it must read 0 or fault for OpenOCD to find the L5's IDCODE; "
                + "zero is the quieter of the two."),
    ]
}
