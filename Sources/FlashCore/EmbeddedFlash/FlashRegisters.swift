/// The flash controller's status flags (NSSR/SECSR), as silicon reports errors.
public enum StatusFlag: Int, CaseIterable, Sendable, Equatable {
    case eop = 0, operr = 1, progerr = 3, wrperr = 4, pgaerr = 5, sizerr = 6, pgserr = 7, optwerr = 13, bsy = 16

    public var name: String {
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

    public var mask: UInt32 { UInt32(1) << UInt32(rawValue) }

    /// The error flags; any of them set blocks the next operation with PGSERR.
    public static let errors: [StatusFlag] = [.operr, .progerr, .wrperr, .pgaerr, .sizerr, .pgserr, .optwerr]
    public static let errorMask: UInt32 = errors.reduce(0) { $0 | $1.mask }

    public static func named(_ name: String) -> StatusFlag? { allCases.first { $0.name == name } }
}

/// The fields of NSCR and SECCR (reference §3), declared once: the register table, the
/// controller, the built-in algorithms, the trace and the UI all read them from here.
public enum ControlField {
    public static let pg = FieldSpec("PG", bit: 0)
    public static let per = FieldSpec("PER", bit: 1)
    public static let mer1 = FieldSpec("MER1", bit: 2)
    public static let pnb = FieldSpec("PNB", bit: 3, width: 7)
    public static let bker = FieldSpec("BKER", bit: 11)
    public static let mer2 = FieldSpec("MER2", bit: 15)
    public static let strt = FieldSpec("STRT", bit: 16, .setOnly)
    public static let optstrt = FieldSpec("OPTSTRT", bit: 17, .setOnly)
    public static let eopie = FieldSpec("EOPIE", bit: 24)
    public static let errie = FieldSpec("ERRIE", bit: 25)
    public static let oblLaunch = FieldSpec("OBL_LAUNCH", bit: 27, .setOnly)
    public static let secinv = FieldSpec("SECINV", bit: 29)
    public static let optlock = FieldSpec("OPTLOCK", bit: 30, .setOnly)
    public static let lock = FieldSpec("LOCK", bit: 31, .setOnly)

    /// PER with a page index: what a page erase writes to the control register.
    public static func pageErase(pnb: Int, bker: Int) -> UInt32 {
        per.mask | self.pnb.inserting(UInt32(pnb), into: 0) | self.bker.inserting(UInt32(bker), into: 0)
    }
}

/// Register offsets and bits of the flash controller (reference §3).
enum FlashRegisters {
    static let base: UInt32 = 0x4002_2000
    static let secureBase: UInt32 = 0x5002_2000
    static let windowSize: UInt32 = 0x400

    enum Offset {
        static let acr: UInt32 = 0x00
        static let pdkeyr: UInt32 = 0x04
        static let nskeyr: UInt32 = 0x08
        static let seckeyr: UInt32 = 0x0C
        static let optkeyr: UInt32 = 0x10
        static let lvekeyr: UInt32 = 0x14
        static let nssr: UInt32 = 0x20
        static let secsr: UInt32 = 0x24
        static let nscr: UInt32 = 0x28
        static let seccr: UInt32 = 0x2C
        static let eccr: UInt32 = 0x30
        static let secbb1: UInt32 = 0x80
        static let secbb2: UInt32 = 0xA0
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
        // Key registers read as zero and take whole-word keys.
        RegisterSpec(name, offset: offset, fields: [FieldSpec("KEY", bit: 0, width: 32, .reserved)])
    }

    private static func optionRegister(_ register: OptionRegister) -> RegisterSpec {
        let fields = OptionField.all.filter { $0.register == register }.map {
            FieldSpec($0.name, bit: $0.lsb, width: $0.width)
        }
        return RegisterSpec(register.name, offset: register.offset, reset: register.factoryValue, fields: fields)
    }

    private static func blockSecurity(_ bank: Int, _ index: Int, _ offset: UInt32) -> RegisterSpec {
        RegisterSpec("SECBB\(bank)R\(index)", offset: offset, fields: [FieldSpec("SECBB", bit: 0, width: 32)])
    }

    /// The whole register table.
    static let specs: [RegisterSpec] =
        [
            RegisterSpec(
                "ACR", offset: Offset.acr,
                fields: [
                    FieldSpec("LATENCY", bit: 0, width: 4), FieldSpec("RUN_PD", bit: 13),
                    FieldSpec("SLEEP_PD", bit: 14), FieldSpec("LVEN", bit: 15),
                ]),
            key("PDKEYR", Offset.pdkeyr), key("NSKEYR", Offset.nskeyr), key("SECKEYR", Offset.seckeyr),
            key("OPTKEYR", Offset.optkeyr), key("LVEKEYR", Offset.lvekeyr),
            RegisterSpec("NSSR", offset: Offset.nssr, fields: statusFields(withOptionError: true)),
            RegisterSpec("SECSR", offset: Offset.secsr, fields: statusFields(withOptionError: false)),
            RegisterSpec("NSCR", offset: Offset.nscr, reset: 0xC000_0000, fields: controlFields(secure: false)),
            RegisterSpec("SECCR", offset: Offset.seccr, reset: 0x8000_0000, fields: controlFields(secure: true)),
            RegisterSpec(
                "ECCR", offset: Offset.eccr,
                fields: [
                    FieldSpec("ADDR_ECC", bit: 0, width: 19, .readOnly), FieldSpec("BK_ECC", bit: 21, .readOnly),
                    FieldSpec("SYSF_ECC", bit: 22, .readOnly), FieldSpec("ECCIE", bit: 24),
                    FieldSpec("ECCC2", bit: 28, .writeOneToClear), FieldSpec("ECCD2", bit: 29, .writeOneToClear),
                    FieldSpec("ECCC", bit: 30, .writeOneToClear), FieldSpec("ECCD", bit: 31, .writeOneToClear),
                ]),
        ] + OptionRegister.allCases.map(optionRegister)
        + (1...4).map { blockSecurity(1, $0, Offset.secbb1 + UInt32($0 - 1) * 4) }
        + (1...4).map { blockSecurity(2, $0, Offset.secbb2 + UInt32($0 - 1) * 4) }
        + [
            RegisterSpec(
                "SECHDPCR", offset: 0xC0,
                fields: [
                    FieldSpec("HDP1_ACCDIS", bit: 0, .setOnly), FieldSpec("HDP2_ACCDIS", bit: 1, .setOnly),
                ]),
            RegisterSpec("PRIVCFGR", offset: 0xC4, fields: [FieldSpec("PRIV", bit: 0)]),
        ]
}

/// A two-key unlock sequence (NSKEYR, SECKEYR, OPTKEYR, ...).
struct KeySequenceLock: Sendable {
    enum State: Sendable, Equatable { case awaitingFirstKey, awaitingSecondKey, unlocked, disabledUntilReset }
    enum Outcome: Sendable, Equatable { case progressed, unlocked, rejected, ignored }

    let keys: (UInt32, UInt32)
    private(set) var state: State = .awaitingFirstKey

    init(keys: (UInt32, UInt32)) { self.keys = keys }

    mutating func consume(_ value: UInt32, wrongKey: ModelAssumptions.WrongKey) -> Outcome {
        switch state {
        case .awaitingFirstKey where value == keys.0:
            state = .awaitingSecondKey
            return .progressed
        case .awaitingSecondKey where value == keys.1:
            state = .unlocked
            return .unlocked
        case .awaitingFirstKey, .awaitingSecondKey:
            state = wrongKey == .lockUntilReset ? .disabledUntilReset : .awaitingFirstKey
            return .rejected
        case .unlocked:
            // A key written while unlocked has nothing to unlock (the HAL checks LOCK first).
            return .ignored
        case .disabledUntilReset:
            return .rejected
        }
    }

    /// The lock bit was set again by software: the sequence may start over.
    mutating func relock() {
        if state != .disabledUntilReset { state = .awaitingFirstKey }
    }

    mutating func reset() { state = .awaitingFirstKey }
}
