/// The flash controller's status flags (NSSR/SECSR), as silicon reports errors.
package enum StatusFlag: Int, CaseIterable, Sendable, Equatable {
    case eop = 0, operr = 1, progerr = 3, wrperr = 4, pgaerr = 5, sizerr = 6, pgserr = 7, optwerr = 13, bsy = 16

    package var name: String {
        switch self {
        case .eop: "EOP"
        case .operr: "OPERR"
        case .progerr: "PROGERR"
        case .wrperr: "WRPERR"
        case .pgaerr: "PGAERR"
        case .sizerr: "SIZERR"
        case .pgserr: "PGSERR"
        case .optwerr: "OPTWERR"
        case .bsy: "BSY"
        }
    }

    package var mask: UInt32 { UInt32(1) << UInt32(rawValue) }

    /// The error flags; any of them set blocks the next operation with PGSERR.
    package static let errors: [StatusFlag] = [.operr, .progerr, .wrperr, .pgaerr, .sizerr, .pgserr, .optwerr]
    package static let errorMask: UInt32 = errors.reduce(0) { $0 | $1.mask }

    package static func named(_ name: String) -> StatusFlag? { allCases.first { $0.name == name } }
}

/// The fields of NSCR and SECCR (reference §3), declared once: the register table, the
/// controller, the built-in algorithms, the trace and the UI all read them from here.
package enum ControlField {
    package static let pg = FieldSpec("PG", bit: 0)
    package static let per = FieldSpec("PER", bit: 1)
    package static let mer1 = FieldSpec("MER1", bit: 2)
    package static let pnb = FieldSpec("PNB", bit: 3, width: 7)
    package static let bker = FieldSpec("BKER", bit: 11)
    package static let mer2 = FieldSpec("MER2", bit: 15)
    package static let strt = FieldSpec("STRT", bit: 16, .setOnly)
    package static let optstrt = FieldSpec("OPTSTRT", bit: 17, .setOnly)
    package static let eopie = FieldSpec("EOPIE", bit: 24)
    package static let errie = FieldSpec("ERRIE", bit: 25)
    package static let oblLaunch = FieldSpec("OBL_LAUNCH", bit: 27, .setOnly)
    package static let secinv = FieldSpec("SECINV", bit: 29)
    package static let optlock = FieldSpec("OPTLOCK", bit: 30, .setOnly)
    package static let lock = FieldSpec("LOCK", bit: 31, .setOnly)

    /// PER with a page index: what a page erase writes to the control register.
    package static func pageErase(pnb: Int, bker: Int) -> UInt32 {
        per.mask | self.pnb.inserting(UInt32(pnb), into: 0) | self.bker.inserting(UInt32(bker), into: 0)
    }
}

/// Register offsets and bits of the flash controller (reference §3).
enum FlashRegisters {
    static let base: UInt32 = 0x4002_2000
    static let secureBase: UInt32 = 0x5002_2000
    static let windowSize: UInt32 = 0x400

    /// Offsets of the registers the code names, from `FlashRegister`.
    enum Offset {
        static let acr = FlashRegister.acr.offset
        static let nskeyr = FlashRegister.nskeyr.offset
        static let seckeyr = FlashRegister.seckeyr.offset
        static let optkeyr = FlashRegister.optkeyr.offset
        static let nssr = FlashRegister.nssr.offset
        static let secsr = FlashRegister.secsr.offset
        static let nscr = FlashRegister.nscr.offset
        static let seccr = FlashRegister.seccr.offset
        static let secbb1 = FlashRegister.blockSecurity(bank: 1, index: 1).offset
        static let secbb2 = FlashRegister.blockSecurity(bank: 2, index: 1).offset
    }

    /// The control bits as masks, from the field declarations.
    enum Control {
        static let pg = ControlField.pg.mask
        static let per = ControlField.per.mask
        static let mer1 = ControlField.mer1.mask
        static let bker = ControlField.bker.mask
        static let mer2 = ControlField.mer2.mask
        static let strt = ControlField.strt.mask
        static let optstrt = ControlField.optstrt.mask
        static let eopie = ControlField.eopie.mask
        static let errie = ControlField.errie.mask
        static let oblLaunch = ControlField.oblLaunch.mask
        static let secinv = ControlField.secinv.mask
        static let optlock = ControlField.optlock.mask
        static let lock = ControlField.lock.mask
    }

    enum Keys {
        static let flash: (UInt32, UInt32) = (0x4567_0123, 0xCDEF_89AB)
        static let option: (UInt32, UInt32) = (0x0819_2A3B, 0x4C5D_6E7F)
        static let powerDown: (UInt32, UInt32) = (0x0415_2637, 0xFAFB_FCFD)
        static let lowVoltage: (UInt32, UInt32) = (0xF4F5_F6F7, 0x0A1B_2C3D)
    }

    /// The whole register table, in offset order.
    static let specs: [RegisterSpec] = FlashRegister.all.map(\.spec)
}

/// The flash controller's registers (reference §3). The controller's reads and writes switch
/// over this exhaustively, so a register added here must be given its behaviour there.
enum FlashRegister: Equatable, Hashable, Sendable {
    case acr, pdkeyr, nskeyr, seckeyr, optkeyr, lvekeyr, nssr, secsr, nscr, seccr, eccr
    case option(OptionRegister)
    /// SECBBxRy: bank 1 or 2, index 1...4.
    case blockSecurity(bank: Int, index: Int)
    case sechdpcr, privcfgr

    static let all: [FlashRegister] =
        [.acr, .pdkeyr, .nskeyr, .seckeyr, .optkeyr, .lvekeyr, .nssr, .secsr, .nscr, .seccr, .eccr]
        + OptionRegister.allCases.map { .option($0) }
        + [1, 2].flatMap { bank in (1...4).map { FlashRegister.blockSecurity(bank: bank, index: $0) } }
        + [.sechdpcr, .privcfgr]

    private static let byOffset: [UInt32: FlashRegister] = Dictionary(uniqueKeysWithValues: all.map { ($0.offset, $0) })

    init?(offset: UInt32) {
        guard let register = Self.byOffset[offset] else { return nil }
        self = register
    }

    var offset: UInt32 {
        switch self {
        case .acr: 0x00
        case .pdkeyr: 0x04
        case .nskeyr: 0x08
        case .seckeyr: 0x0C
        case .optkeyr: 0x10
        case .lvekeyr: 0x14
        case .nssr: 0x20
        case .secsr: 0x24
        case .nscr: 0x28
        case .seccr: 0x2C
        case .eccr: 0x30
        case .option(let register): register.offset
        case .blockSecurity(let bank, let index): (bank == 1 ? 0x80 : 0xA0) + UInt32(index - 1) * 4
        case .sechdpcr: 0xC0
        case .privcfgr: 0xC4
        }
    }

    /// The key registers: they read as zero and take whole-word keys.
    var isKey: Bool { [.pdkeyr, .nskeyr, .seckeyr, .optkeyr, .lvekeyr].contains(self) }

    var spec: RegisterSpec {
        switch self {
        case .acr:
            RegisterSpec(
                "ACR", offset: offset,
                fields: [
                    FieldSpec("LATENCY", bit: 0, width: 4, .unimplemented), FieldSpec("RUN_PD", bit: 13),
                    FieldSpec("SLEEP_PD", bit: 14, .unimplemented), FieldSpec("LVEN", bit: 15),
                ])
        case .pdkeyr: Self.key("PDKEYR", offset)
        case .nskeyr: Self.key("NSKEYR", offset)
        case .seckeyr: Self.key("SECKEYR", offset)
        case .optkeyr: Self.key("OPTKEYR", offset)
        case .lvekeyr: Self.key("LVEKEYR", offset)
        case .nssr: RegisterSpec("NSSR", offset: offset, fields: Self.statusFields(withOptionError: true))
        case .secsr: RegisterSpec("SECSR", offset: offset, fields: Self.statusFields(withOptionError: false))
        case .nscr: RegisterSpec("NSCR", offset: offset, reset: 0xC000_0000, fields: Self.controlFields(secure: false))
        case .seccr: RegisterSpec("SECCR", offset: offset, reset: 0x8000_0000, fields: Self.controlFields(secure: true))
        case .eccr:
            // ECC is not modelled (README): the fields are declared so their writes show in the trace.
            RegisterSpec(
                "ECCR", offset: offset,
                fields: [
                    FieldSpec("ADDR_ECC", bit: 0, width: 19, .readOnly), FieldSpec("BK_ECC", bit: 21, .readOnly),
                    FieldSpec("SYSF_ECC", bit: 22, .readOnly), FieldSpec("ECCIE", bit: 24, .unimplemented),
                    FieldSpec("ECCC2", bit: 28, .writeOneToClear), FieldSpec("ECCD2", bit: 29, .writeOneToClear),
                    FieldSpec("ECCC", bit: 30, .writeOneToClear), FieldSpec("ECCD", bit: 31, .writeOneToClear),
                ])
        case .option(let register):
            RegisterSpec(
                register.name, offset: offset, reset: register.factoryValue,
                fields: OptionField.all.filter { $0.register == register }.map {
                    FieldSpec($0.name, bit: $0.lsb, width: $0.width)
                })
        case .blockSecurity(let bank, let index):
            RegisterSpec("SECBB\(bank)R\(index)", offset: offset, fields: [FieldSpec("SECBB", bit: 0, width: 32)])
        case .sechdpcr:
            RegisterSpec(
                "SECHDPCR", offset: offset,
                fields: [HideProtectionField.hdp1AccessDisabled, HideProtectionField.hdp2AccessDisabled])
        case .privcfgr: RegisterSpec("PRIVCFGR", offset: offset, fields: [FieldSpec("PRIV", bit: 0, .unimplemented)])
        }
    }

    private static func statusFields(withOptionError: Bool) -> [FieldSpec] {
        var fields: [FieldSpec] = [
            FieldSpec("EOP", bit: 0, .writeOneToClear), FieldSpec("OPERR", bit: 1, .writeOneToClear),
            FieldSpec("PROGERR", bit: 3, .writeOneToClear), FieldSpec("WRPERR", bit: 4, .writeOneToClear),
            FieldSpec("PGAERR", bit: 5, .writeOneToClear), FieldSpec("SIZERR", bit: 6, .writeOneToClear),
            FieldSpec("PGSERR", bit: 7, .writeOneToClear),
        ]
        if withOptionError { fields.append(FieldSpec("OPTWERR", bit: 13, .writeOneToClear)) }
        fields.append(FieldSpec("BSY", bit: 16, .readOnly))
        return fields
    }

    private static func controlFields(secure: Bool) -> [FieldSpec] {
        typealias F = ControlField
        var fields: [FieldSpec] = [F.pg, F.per, F.mer1, F.pnb, F.bker, F.mer2, F.strt]
        if !secure { fields.append(F.optstrt) }
        fields += [F.eopie, F.errie]
        fields += secure ? [F.secinv] : [F.oblLaunch, F.optlock]
        fields.append(F.lock)
        return fields
    }

    private static func key(_ name: String, _ offset: UInt32) -> RegisterSpec {
        RegisterSpec(name, offset: offset, fields: [FieldSpec("KEY", bit: 0, width: 32, .reserved)])
    }
}

/// A two-key unlock sequence (NSKEYR, SECKEYR, OPTKEYR, ...).
struct KeySequenceLock: Sendable {
    enum State: Sendable, Equatable { case awaitingFirstKey, awaitingSecondKey, unlocked, disabledUntilReset }
    enum Outcome: Sendable, Equatable { case progressed, unlocked, rejected, ignored }
    /// What a key written while the register is already unlocked is.
    enum KeyWhileUnlocked: Sendable, Equatable {
        /// A wrong sequence (reference §8: unlocking twice locks NSCR until reset).
        case wrongSequence
        /// Nothing: the key is ignored.
        case ignored
    }

    let keys: (UInt32, UInt32)
    private(set) var state: State = .awaitingFirstKey

    init(keys: (UInt32, UInt32)) { self.keys = keys }

    mutating func consume(_ value: UInt32, wrongKey: ModelAssumptions.WrongKey, whileUnlocked: KeyWhileUnlocked)
        -> Outcome
    {
        switch state {
        case .awaitingFirstKey where value == keys.0:
            state = .awaitingSecondKey
            return .progressed
        case .awaitingSecondKey where value == keys.1:
            state = .unlocked
            return .unlocked
        case .awaitingFirstKey, .awaitingSecondKey:
            return wrongSequence(wrongKey)
        case .unlocked:
            return whileUnlocked == .wrongSequence ? wrongSequence(wrongKey) : .ignored
        case .disabledUntilReset:
            return .rejected
        }
    }

    /// A wrong sequence relocks the register: until reset (the default), or ready to start over.
    private mutating func wrongSequence(_ wrongKey: ModelAssumptions.WrongKey) -> Outcome {
        state = wrongKey == .lockUntilReset ? .disabledUntilReset : .awaitingFirstKey
        return .rejected
    }

    /// The lock bit was set again by software: the sequence may start over.
    mutating func relock() {
        if state != .disabledUntilReset { state = .awaitingFirstKey }
    }

    mutating func reset() { state = .awaitingFirstKey }
}
