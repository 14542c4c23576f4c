/// The protection life-cycle facts the sources leave open (reference §8), each a switchable choice.
package struct ProtectionAssumptions: Equatable, Hashable, Sendable {
    /// What OPTKEYR does with a key written while the option registers are already unlocked.
    package enum OptionKeyWhenUnlocked: String, CaseIterable, Sendable {
        /// A wrong sequence, as for NSKEYR: a bus error, and OPTLOCK stays set until reset.
        case wrongSequence = "wrong-sequence"
        /// The key is ignored and the registers stay unlocked.
        case ignored
    }

    /// How the controller refuses an option change the protection rules forbid (any change at
    /// RDP level 2; TZEN set above level 0; TZEN cleared without a regression to level 0).
    package enum ForbiddenOptionChange: String, CaseIterable, Sendable {
        /// OPTSTRT raises OPTWERR and nothing is programmed.
        case optwerr
        /// OPTSTRT completes without a flag, and nothing is programmed.
        case ignored
    }

    /// The BOOT0 pin (PH3), which the boot selection reads when nSWBOOT0=1.
    package enum Boot0Pin: String, CaseIterable, Sendable {
        case low
        case high
    }

    package var optionKeyWhenUnlocked: OptionKeyWhenUnlocked = .wrongSequence
    package var forbiddenOptionChange: ForbiddenOptionChange = .optwerr
    package var boot0Pin: Boot0Pin = .low

    package init() {}
}

extension ModelAssumptions {
    /// The protection entries of `specs`, in the order `info` shows them.
    static let protectionSpecs: [AssumptionSpec] = [
        spec(
            "option-key-when-unlocked", \.protection.optionKeyWhenUnlocked,
            question: "Is an OPTKEYR key written while OPTLOCK is already clear a wrong sequence?",
            rationale:
                "NSKEYR treats it so (reference §8) and OpenOCD and the HAL check OPTLOCK before writing OPTKEYR, "
                + "as they check LOCK before NSKEYR; no source states the OPTKEYR case."),
        spec(
            "forbidden-option-change", \.protection.forbiddenOptionChange,
            question: "How is an option change refused that RDP level 2 or the TZEN rules forbid?",
            rationale:
                "OPTWERR is the L5's flag for refused option changes (the HAL's DBANK note); the sources name no flag "
                + "for these rules, and a flag makes the refusal visible."),
        spec(
            "boot0-pin", \.protection.boot0Pin,
            question: "With nSWBOOT0=1 the BOOT0 pin picks the boot address: is it low or high?",
            rationale: "The device file has no pins; a board boots its application with BOOT0 low."),
    ]
}
