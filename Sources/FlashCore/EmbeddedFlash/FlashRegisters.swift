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

    enum Control {
        static let pg: UInt32 = 1 << 0
        static let per: UInt32 = 1 << 1
        static let mer1: UInt32 = 1 << 2
        static let pnbShift: UInt32 = 3
        static let pnbMask: UInt32 = 0x7F << 3
        static let bker: UInt32 = 1 << 11
        static let mer2: UInt32 = 1 << 15
        static let strt: UInt32 = 1 << 16
        static let optstrt: UInt32 = 1 << 17
        static let eopie: UInt32 = 1 << 24
        static let errie: UInt32 = 1 << 25
        static let oblLaunch: UInt32 = 1 << 27
        static let secinv: UInt32 = 1 << 29
        static let optlock: UInt32 = 1 << 30
        static let lock: UInt32 = 1 << 31
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
        var fields: [FieldSpec] = [
            FieldSpec("PG", bit: 0), FieldSpec("PER", bit: 1), FieldSpec("MER1", bit: 2),
            FieldSpec("PNB", bit: 3, width: 7), FieldSpec("BKER", bit: 11), FieldSpec("MER2", bit: 15),
            FieldSpec("STRT", bit: 16, .setOnly),
        ]
        if !secure { fields.append(FieldSpec("OPTSTRT", bit: 17, .setOnly)) }
        fields += [FieldSpec("EOPIE", bit: 24), FieldSpec("ERRIE", bit: 25)]
        if secure {
            fields += [FieldSpec("SECINV", bit: 29)]
        } else {
            fields += [FieldSpec("OBL_LAUNCH", bit: 27, .setOnly), FieldSpec("OPTLOCK", bit: 30, .setOnly)]
        }
        fields.append(FieldSpec("LOCK", bit: 31, .setOnly))
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
    static let specs: [RegisterSpec] = [
        RegisterSpec("ACR", offset: Offset.acr, fields: [
            FieldSpec("LATENCY", bit: 0, width: 4), FieldSpec("RUN_PD", bit: 13),
            FieldSpec("SLEEP_PD", bit: 14), FieldSpec("LVEN", bit: 15),
        ]),
        key("PDKEYR", Offset.pdkeyr), key("NSKEYR", Offset.nskeyr), key("SECKEYR", Offset.seckeyr),
        key("OPTKEYR", Offset.optkeyr), key("LVEKEYR", Offset.lvekeyr),
        RegisterSpec("NSSR", offset: Offset.nssr, fields: statusFields(withOptionError: true)),
        RegisterSpec("SECSR", offset: Offset.secsr, fields: statusFields(withOptionError: false)),
        RegisterSpec("NSCR", offset: Offset.nscr, reset: 0xC000_0000, fields: controlFields(secure: false)),
        RegisterSpec("SECCR", offset: Offset.seccr, reset: 0x8000_0000, fields: controlFields(secure: true)),
        RegisterSpec("ECCR", offset: Offset.eccr, fields: [
            FieldSpec("ADDR_ECC", bit: 0, width: 19, .readOnly), FieldSpec("BK_ECC", bit: 21, .readOnly),
            FieldSpec("SYSF_ECC", bit: 22, .readOnly), FieldSpec("ECCIE", bit: 24),
            FieldSpec("ECCC2", bit: 28, .writeOneToClear), FieldSpec("ECCD2", bit: 29, .writeOneToClear),
            FieldSpec("ECCC", bit: 30, .writeOneToClear), FieldSpec("ECCD", bit: 31, .writeOneToClear),
        ]),
    ] + OptionRegister.allCases.map(optionRegister)
        + (1...4).map { blockSecurity(1, $0, Offset.secbb1 + UInt32($0 - 1) * 4) }
        + (1...4).map { blockSecurity(2, $0, Offset.secbb2 + UInt32($0 - 1) * 4) }
        + [
            RegisterSpec("SECHDPCR", offset: 0xC0, fields: [
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
