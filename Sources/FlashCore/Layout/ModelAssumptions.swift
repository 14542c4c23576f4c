/// The facts the reference sheets mark uncertain, each made an explicit, switchable choice.
///
/// Every choice has a default, a rationale and a name users type
/// (`flashscope assume bker-under-swap=logical`); `info` lists them all.
package struct ModelAssumptions: Equatable, Hashable, Sendable {
    /// What BKER names when SWAP_BANK=1.
    package enum BankEraseBit: String, CaseIterable, Sendable {
        /// BKER names the physical bank (ST's own Zephyr driver and EEPROM emulation).
        case physical
        /// BKER follows the mapped address (wolfBoot's reading of RM0438).
        case logical
    }

    /// Where bank 2 sits on a 256 KB part in dual-bank mode.
    package enum SmallPartBank2: String, CaseIterable, Sendable {
        /// Bank 2 directly after bank 1, at 0x0802_0000 (OpenOCD, HAL, Keil, SEGGER).
        case contiguous
        /// Bank 2 at 0x0804_0000 after a gap (Zephyr, Black Magic Debug).
        case gap
    }

    /// Which option bit selects dual-bank mode on a 256 KB part.
    package enum SmallPartDualBankBit: String, CaseIterable, Sendable {
        /// DBANK, as Zephyr, Keil and Black Magic Debug read it.
        case dbank
        /// DB256K, as OpenOCD and the HAL read it (the page size still follows DBANK; reference §8).
        case db256k
    }

    /// What the controller does with BKER=1 in single-bank mode.
    package enum SingleBankBKER: String, CaseIterable, Sendable {
        /// BKER is ignored; PNB alone picks the 4 KB page.
        case ignored
        /// The erase is refused with PGSERR.
        case rejected
    }

    /// What a wrong key written to a key register does.
    package enum WrongKey: String, CaseIterable, Sendable {
        /// The key register stays locked until the next reset (G0/WL reference manuals).
        case lockUntilReset = "lock-until-reset"
        /// The sequence simply starts over.
        case restart
    }

    /// What reading an option register returns after it was written but before OBL_LAUNCH.
    package enum OptionReadback: String, CaseIterable, Sendable {
        /// The value written until OPTSTRT, the last loaded value after it until the reload (reference §8).
        case twoPhase = "two-phase"
        /// Always the value in force.
        case effective
        /// Always the value last written.
        case written
    }

    /// Which bank MER1 erases when SWAP_BANK=1.
    package enum MassEraseUnderSwap: String, CaseIterable, Sendable {
        /// MER1 erases physical bank 1, like BKER=0 under the physical reading.
        case physical
        /// MER1 erases the bank mapped at 0x0800_0000.
        case logical
    }

    /// What happens to the flash contents when OBL_LAUNCH changes DBANK.
    package enum BankModeChange: String, CaseIterable, Sendable {
        /// Contents become undefined; the model mass-erases them (safe choice the reference recommends).
        case erase
        /// Contents stay where they are physically; only their addresses are re-interpreted.
        case keep
    }

    /// When EOP is set after a successful operation.
    package enum EndOfOperationFlag: String, CaseIterable, Sendable {
        /// Only while EOPIE is set (RM0351 wording for the L4, Renode).
        case onlyWithInterrupt = "only-with-eopie"
        /// After every successful operation.
        case always
    }

    /// An erase whose PNB lies beyond the last page of its bank (256 KB parts).
    package enum PageBeyondBank: String, CaseIterable, Sendable {
        /// The controller refuses it with PGSERR.
        case rejected
        /// The controller erases nothing and reports success.
        case ignored
    }

    /// Which datasheet figures the virtual clock uses for program and erase.
    package enum Timing: String, CaseIterable, Sendable {
        /// STM32L4 typical values (81.7 µs per double word, 22 ms per page).
        case typical
        /// STM32L4 maximum values (90.8 µs, 24.5 ms).
        case maximum
    }

    /// What an access to the secure alias (0x0C00_0000) does while TrustZone is off (TZEN=0).
    package enum SecureAliasWithoutTrustZone: String, CaseIterable, Sendable {
        /// A bus error: with TZEN=0 the core has only its non-secure state, so nothing answers there.
        case busError = "bus-error"
        /// The alias shows the same flash as 0x0800_0000 and is programmed through NSCR.
        case mirror
    }

    package var bankEraseBitUnderSwap: BankEraseBit = .physical
    package var smallPartBank2: SmallPartBank2 = .contiguous
    package var smallPartDualBankBit: SmallPartDualBankBit = .db256k
    package var singleBankBKER: SingleBankBKER = .ignored
    package var wrongKey: WrongKey = .lockUntilReset
    package var optionReadback: OptionReadback = .twoPhase
    package var massEraseUnderSwap: MassEraseUnderSwap = .physical
    package var bankModeChange: BankModeChange = .erase
    package var endOfOperationFlag: EndOfOperationFlag = .onlyWithInterrupt
    package var pageBeyondBank: PageBeyondBank = .rejected
    package var timing: Timing = .typical
    package var secureAliasWithoutTrustZone: SecureAliasWithoutTrustZone = .busError
    /// The protection life-cycle choices (OPTKEYR, refused option changes, the BOOT0 pin).
    package var protection = ProtectionAssumptions()
    /// TrustZone reads, OTP programming and the old DBGMCU address (SecurityAssumptions.swift).
    package var securityMismatchRead: SecurityMismatchRead = .zero
    package var hiddenAreaRead: HiddenAreaRead = .zero
    package var otpProgramRegisters: OTPProgramRegisters = .eitherWithTrustZone
    package var oldDBGMCUAddress: OldDBGMCUAddress = .zero
    /// The OCTOSPI and external NOR flash choices.
    package var ospi = NORAssumptions()
    /// The debug port's choices (`serve`).
    package var debug = DebugAssumptions()

    package init() {}

    package static let defaults = ModelAssumptions()
}

/// One assumption as users see it: its name, its choices, the current one and why the default is what it is.
package struct AssumptionSpec: Sendable {
    package let name: String
    package let question: String
    package let choices: [String]
    package let defaultChoice: String
    package let rationale: String
    let get: @Sendable (ModelAssumptions) -> String
    let set: @Sendable (inout ModelAssumptions, String) -> Bool

    package func value(in assumptions: ModelAssumptions) -> String { get(assumptions) }
}

/// A `NAME=VALUE` that names no assumption or no choice of it.
package struct AssumptionError: Error, Equatable, Sendable, CustomStringConvertible {
    package let text: String
    package var description: String { text }
}

extension ModelAssumptions {
    static func spec<Choice: RawRepresentable & CaseIterable & Sendable>(
        _ name: String, _ keyPath: WritableKeyPath<ModelAssumptions, Choice> & Sendable,
        question: String, rationale: String
    ) -> AssumptionSpec where Choice.RawValue == String {
        AssumptionSpec(
            name: name, question: question,
            choices: Choice.allCases.map(\.rawValue),
            defaultChoice: ModelAssumptions.defaults[keyPath: keyPath].rawValue,
            rationale: rationale,
            get: { $0[keyPath: keyPath].rawValue },
            set: { assumptions, text in
                guard let choice = Choice(rawValue: text) else { return false }
                assumptions[keyPath: keyPath] = choice
                return true
            })
    }

    /// Every assumption, in the order `info` shows them.
    package static let specs: [AssumptionSpec] =
        [
            spec(
                "bker-under-swap", \.bankEraseBitUnderSwap,
                question: "With SWAP_BANK=1, does BKER name the physical bank or follow the address?",
                rationale:
                    "ST's own L5 code (Zephyr erase_page, X-CUBE-EEPROM GetBankNumber) inverts the bank under swap."),
            spec(
                "small-part-bank2", \.smallPartBank2,
                question: "On 256 KiB parts in dual-bank mode, where does bank 2 start?",
                rationale: "OpenOCD, the HAL bank size, the Keil algorithm and SEGGER all imply bank 2 at 0x08020000."),
            spec(
                "small-part-dual-bank-bit", \.smallPartDualBankBit,
                question: "On 256 KiB parts, does DBANK or DB256K select dual-bank mode?",
                rationale: "OpenOCD (a1903f286) and the HAL (OB_DUALBANK_DUAL is DB256K, \"256 kB Dual-bank\") "
                    + "select dual bank with DB256K; Zephyr, Keil and Black Magic Debug read DBANK."),
            spec(
                "single-bank-bker", \.singleBankBKER,
                question: "With DBANK=0, what does the controller do with BKER=1?",
                rationale: "The HAL clears BKER in single-bank mode, which suggests the bit has no meaning there."),
            spec(
                "wrong-key", \.wrongKey,
                question: "Does a wrong key lock the key register until reset?",
                rationale: "The STM32G0 and WL reference manuals say so; assumed for the L5."),
            spec(
                "option-readback", \.optionReadback,
                question: "Before the reload, do option registers read back what was written or what is in force?",
                rationale:
                    "Reference §8: the HAL's read-modify-writes of OPTR before one OPTSTRT need the written value; "
                    + "the G0 and C0 manuals return the last loaded values after OPTSTRT until the reload."),
            spec(
                "mass-erase-under-swap", \.massEraseUnderSwap,
                question: "With SWAP_BANK=1, does MER1 erase physical bank 1 or the bank at 0x08000000?",
                rationale: "Consistent with the physical reading of BKER."),
            spec(
                "bank-mode-change", \.bankModeChange,
                question: "What happens to flash contents when OBL_LAUNCH changes DBANK?",
                rationale: "The reference recommends treating contents as undefined; the G4 sibling shuffles them."),
            spec(
                "eop-flag", \.endOfOperationFlag,
                question: "Is EOP set after every successful operation, or only while EOPIE is set?",
                rationale: "The STM32L4 reference manual and Renode set EOP only with EOPIE."),
            spec(
                "page-beyond-bank", \.pageBeyondBank,
                question: "What does an erase of a PNB past the last page of a bank do?",
                rationale: "Unverified; refusing it with PGSERR makes the mistake visible."),
            spec(
                "secure-alias-without-tz", \.secureAliasWithoutTrustZone,
                question: "With TZEN=0, what does an access to the secure alias 0x0C000000 do?",
                rationale: "Without TrustZone the core has only its non-secure state (ST's L5 TrustZone training), and "
                    + "ST's tools and OpenOCD address the flash at 0x08000000 then; a bus error makes a wrong alias visible."
            ),
            spec(
                "timing", \.timing,
                question: "Which program and erase times does the virtual clock use?",
                rationale: "The L5 datasheets were not at hand; the L4 typical figures are the expected ones."),
        ] + protectionSpecs + securitySpecs + ospiSpecs + debugSpecs

    package static func spec(named name: String) -> AssumptionSpec? {
        specs.first { $0.name == name }
    }

    /// Applies one `name=value` setting.
    package mutating func apply(_ setting: String) throws(AssumptionError) {
        let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            throw AssumptionError(text: "'\(setting)' is not NAME=VALUE")
        }
        guard let spec = Self.spec(named: parts[0]) else {
            throw AssumptionError(
                text: "no assumption named '\(parts[0])' (known: \(Self.specs.map(\.name).joined(separator: ", ")))")
        }
        guard spec.set(&self, parts[1]) else {
            throw AssumptionError(
                text: "\(spec.name) has no choice '\(parts[1])' (choices: \(spec.choices.joined(separator: ", ")))")
        }
    }

    /// The settings that differ from the defaults, as `name=value` strings.
    package var changedSettings: [String] {
        Self.specs.compactMap { spec in
            let value = spec.value(in: self)
            return value == spec.defaultChoice ? nil : "\(spec.name)=\(value)"
        }
    }

    /// All settings as name → value.
    package var settings: [String: String] {
        Dictionary(uniqueKeysWithValues: Self.specs.map { ($0.name, $0.value(in: self)) })
    }
}

// MARK: OCTOSPI and MX25LM51245G

extension ModelAssumptions {
    /// The OCTOSPI entries of `specs`, in the order `info` shows them.
    static let ospiSpecs: [AssumptionSpec] = [
        spec(
            "ospi-page-overflow", \.ospi.pageOverflow,
            question: "Does a page program past its 256-byte page wrap (keeping the last 256 bytes) or carry on?",
            rationale: "The standard serial-NOR rule (SST26, W25X); the MX25LM51245G datasheet body was not at hand."),
        spec(
            "ospi-default-mode-storage", \.ospi.defaultModeStorage,
            question: "Is CR2 @0x40000000 (DEFSOPI/DEFDOPI) kept across power cycles?",
            rationale:
                "Its purpose is to pick the protocol after power-on, which only makes sense if it is non-volatile."),
        spec(
            "ospi-timing", \.ospi.timing,
            question: "Does WIP last the typical or the maximum program and erase time?",
            rationale: "Typical figures match the times measured with ST's loader on the L562E-DK."),
        spec(
            "ospi-sfdp", \.ospi.sfdp,
            question: "What does RDSFDP answer: a current part's table or all-0xFF parameters (older parts)?",
            rationale:
                "A current part answers SFDP 1.8 with five headers, erase 0x20/0xD8 (zephyr PR #56600); "
                + "mbed found older parts answering 0xFF parameters."),
        spec(
            "ospi-dtr-register-output", \.ospi.dtrRegisterOutput,
            question: "In DTR, do register and ID reads come out in order or with each byte doubled?",
            rationale: "Reading ahead in order is how continuous register reads behave in SPI."),
        spec(
            "ospi-undriven-bus", \.ospi.undrivenBus,
            question: "What does the controller read when the flash ignores a read?",
            rationale: "Erased-looking 0xFF is what an unanswered NOR read usually shows; the data lines have no pull."),
        spec(
            "ospi-power-on-dummy", \.ospi.powerOnDummyCycles,
            question: "How many dummy cycles does an octal read take at power-on (CR2 @0x300)?",
            rationale: "DC=000 (20 cycles) agrees with the 20-cycle octal reads of mbed and Zephyr."),
        spec(
            "ospi-fifo-depth", \.ospi.fifoDepth,
            question: "How deep is the OCTOSPI FIFO?",
            rationale: "FTHRES has 5 bits (thresholds 1 to 32), which fits a 32-byte FIFO."),
        spec(
            "ospi-idle-window-access", \.ospi.idleWindowAccess,
            question: "What does an access to 0x90000000 do while OCTOSPI1 is not in memory-mapped mode?",
            rationale: "Unverified; a bus fault makes a missing memory-mapped setup visible at once."),
    ]
}
