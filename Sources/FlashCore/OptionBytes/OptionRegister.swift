/// The option registers of the flash controller (FLASH_OPTR at 0x40 and the ten after it).
package enum OptionRegister: Int, CaseIterable, Sendable, CustomStringConvertible {
    case optr, nsbootadd0r, nsbootadd1r, secbootadd0r
    case secwm1r1, secwm1r2, wrp1ar, wrp1br
    case secwm2r1, secwm2r2, wrp2ar, wrp2br

    /// Register name as in the CMSIS header (`OPTR`, `WRP1AR`, ...).
    package var name: String {
        switch self {
        case .optr: "OPTR"
        case .nsbootadd0r: "NSBOOTADD0R"
        case .nsbootadd1r: "NSBOOTADD1R"
        case .secbootadd0r: "SECBOOTADD0R"
        case .secwm1r1: "SECWM1R1"
        case .secwm1r2: "SECWM1R2"
        case .wrp1ar: "WRP1AR"
        case .wrp1br: "WRP1BR"
        case .secwm2r1: "SECWM2R1"
        case .secwm2r2: "SECWM2R2"
        case .wrp2ar: "WRP2AR"
        case .wrp2br: "WRP2BR"
        }
    }

    package var description: String { name }

    /// Offset from the flash controller base.
    package var offset: UInt32 {
        switch self {
        case .optr: 0x40
        case .nsbootadd0r: 0x44
        case .nsbootadd1r: 0x48
        case .secbootadd0r: 0x4C
        case .secwm1r1: 0x50
        case .secwm1r2: 0x54
        case .wrp1ar: 0x58
        case .wrp1br: 0x5C
        case .secwm2r1: 0x60
        case .secwm2r2: 0x64
        case .wrp2ar: 0x68
        case .wrp2br: 0x6C
        }
    }

    /// Factory value (reference §2.1 and §2.2).
    package var factoryValue: UInt32 {
        switch self {
        case .optr: 0x7FEF_F8AA
        case .nsbootadd0r: 0x0800_007F
        case .nsbootadd1r: 0x0BF9_007F
        case .secbootadd0r: 0x0C00_007C
        case .secwm1r1, .secwm2r1: 0xFFFF_FF80
        case .secwm1r2, .secwm2r2: 0x7F80_7F80
        case .wrp1ar, .wrp1br, .wrp2ar, .wrp2br: 0xFF80_FFFF
        }
    }

    /// Bits software can change; the others keep their value.
    package var writableMask: UInt32 {
        switch self {
        case .optr: 0x9F7F_77FF
        default: OptionField.all.filter { $0.register == self }.reduce(0) { $0 | $1.mask }
        }
    }

    package static func named(_ name: String) -> OptionRegister? {
        allCases.first { $0.name == name.uppercased() }
    }
}

/// One named field of an option register, declared once below as a typed constant
/// (`OptionField.rdp`, `.dbank`, `.nsBootAddress0`, ...): the controller, the layout, the
/// boot selection, the command line and the UI read option bits only through these.
package struct OptionField: Equatable, Sendable {
    /// What a field's value is, which decides how it is shown and typed.
    package enum Kind: Sendable, Equatable {
        /// One bit: 0 or 1.
        case flag
        /// A small number shown in decimal (BOR_LEV).
        case number
        /// A code shown in hex (RDP: 0xAA, 0x55, 0xCC, anything else).
        case code
        /// A page number within a bank (0..127), shown in decimal.
        case page
        /// Address bits 31:7: shown and typed as the address itself (0x08000000), 128-byte aligned.
        case address
    }

    package let name: String
    package let register: OptionRegister
    package let lsb: Int
    package let width: Int
    package let kind: Kind
    /// Short meaning, for `ob` and the option bytes panel.
    package let meaning: String

    package var mask: UInt32 { (width == 32 ? UInt32.max : (UInt32(1) << UInt32(width)) - 1) << UInt32(lsb) }
    package var maxValue: UInt32 { width == 32 ? UInt32.max : (UInt32(1) << UInt32(width)) - 1 }

    package func value(in register: UInt32) -> UInt32 { (register & mask) >> UInt32(lsb) }

    package func replacing(in register: UInt32, with value: UInt32) -> UInt32 {
        (register & ~mask) | ((value << UInt32(lsb)) & mask)
    }

    /// `register` with this one-bit field set or cleared.
    package func setting(_ on: Bool, in register: UInt32) -> UInt32 { replacing(in: register, with: on ? 1 : 0) }

    private init(_ name: String, _ register: OptionRegister, _ lsb: Int, _ width: Int, _ kind: Kind, _ meaning: String)
    {
        self.name = name
        self.register = register
        self.lsb = lsb
        self.width = width
        self.kind = kind
        self.meaning = meaning
    }

    /// A flag (one bit) or a small number.
    private init(_ name: String, _ register: OptionRegister, _ lsb: Int, _ width: Int, _ meaning: String) {
        self.init(name, register, lsb, width, width == 1 ? .flag : .number, meaning)
    }

    // MARK: FLASH_OPTR (reference §2.1)

    package static let rdp = OptionField(
        "RDP", .optr, 0, 8, .code,
        "readout protection: 0xAA level 0, 0x55 level 0.5 (TZEN=1), 0xCC level 2, else level 1")
    package static let borLevel = OptionField(
        "BOR_LEV", .optr, 8, 3, "brown-out reset level 0..4 (about 1.7/2.0/2.2/2.5/2.8 V)")
    package static let nRSTStop = OptionField("nRST_STOP", .optr, 12, 1, "0: reset when entering Stop; 1: no reset")
    package static let nRSTStandby = OptionField(
        "nRST_STDBY", .optr, 13, 1, "0: reset when entering Standby; 1: no reset")
    package static let nRSTShutdown = OptionField(
        "nRST_SHDW", .optr, 14, 1, "0: reset when entering Shutdown; 1: no reset")
    package static let iwdgSoftware = OptionField("IWDG_SW", .optr, 16, 1, "0: hardware IWDG; 1: software IWDG")
    package static let iwdgStop = OptionField("IWDG_STOP", .optr, 17, 1, "0: IWDG frozen in Stop; 1: running")
    package static let iwdgStandby = OptionField("IWDG_STDBY", .optr, 18, 1, "0: IWDG frozen in Standby; 1: running")
    package static let wwdgSoftware = OptionField("WWDG_SW", .optr, 19, 1, "0: hardware WWDG; 1: software WWDG")
    package static let swapBank = OptionField(
        "SWAP_BANK", .optr, 20, 1, "0: bank 1 at 0x08000000; 1: bank 2 at 0x08000000")
    package static let db256k = OptionField(
        "DB256K", .optr, 21, 1, "0: single bank on 256 KiB parts; 1: dual bank on them")
    package static let dbank = OptionField(
        "DBANK", .optr, 22, 1, "0: single bank, 4 KiB pages; 1: dual bank, 2 KiB pages")
    package static let sram2Parity = OptionField("SRAM2_PE", .optr, 24, 1, "0: SRAM2 parity check on; 1: off")
    package static let sram2Reset = OptionField("SRAM2_RST", .optr, 25, 1, "0: SRAM2 erased on system reset; 1: kept")
    package static let nSWBOOT0 = OptionField("nSWBOOT0", .optr, 26, 1, "0: BOOT0 from nBOOT0; 1: BOOT0 from the pin")
    package static let nBOOT0 = OptionField("nBOOT0", .optr, 27, 1, "0: software BOOT0 high; 1: software BOOT0 low")
    package static let pa15PullUp = OptionField(
        "PA15_PUPEN", .optr, 28, 1, "0: USB-PD dead battery on, TDI pull-up off; 1: the reverse")
    package static let tzen = OptionField("TZEN", .optr, 31, 1, "0: TrustZone off; 1: TrustZone on")

    /// The fields of FLASH_OPTR, low bit first.
    package static let optr: [OptionField] = [
        rdp, borLevel, nRSTStop, nRSTStandby, nRSTShutdown, iwdgSoftware, iwdgStop, iwdgStandby, wwdgSoftware,
        swapBank, db256k, dbank, sram2Parity, sram2Reset, nSWBOOT0, nBOOT0, pa15PullUp, tzen,
    ]

    // MARK: Boot addresses (reference §2.2)

    package static let nsBootAddress0 = OptionField(
        "NSBOOTADD0", .nsbootadd0r, 7, 25, .address, "non-secure boot address 0 (BOOT0=0)")
    package static let nsBootAddress1 = OptionField(
        "NSBOOTADD1", .nsbootadd1r, 7, 25, .address, "non-secure boot address 1 (BOOT0=1)")
    package static let bootLock = OptionField(
        "BOOT_LOCK", .secbootadd0r, 0, 1, "0: boot address free; 1: boot locked to SECBOOTADD0")
    package static let secBootAddress0 = OptionField(
        "SECBOOTADD0", .secbootadd0r, 7, 25, .address, "secure boot address 0 (TZEN=1)")

    // MARK: Secure watermarks, hide areas, write protection (reference §2.2)

    /// SECWMx_PSTRT and SECWMx_PEND of bank 1 or 2.
    package static func secureWatermark(bank: Int) -> (start: OptionField, end: OptionField) {
        bank == 1 ? (secureWatermark1Start, secureWatermark1End) : (secureWatermark2Start, secureWatermark2End)
    }

    /// WRPxy_PSTRT and WRPxy_PEND of a write-protection area register.
    package static func writeProtection(_ register: OptionRegister) -> (start: OptionField, end: OptionField)? {
        switch register {
        case .wrp1ar: (wrp1AStart, wrp1AEnd)
        case .wrp1br: (wrp1BStart, wrp1BEnd)
        case .wrp2ar: (wrp2AStart, wrp2AEnd)
        case .wrp2br: (wrp2BStart, wrp2BEnd)
        default: nil
        }
    }

    package static let secureWatermark1Start = OptionField(
        "SECWM1_PSTRT", .secwm1r1, 0, 7, .page, "first page of the bank 1 secure watermark area")
    package static let secureWatermark1End = OptionField(
        "SECWM1_PEND", .secwm1r1, 16, 7, .page, "last page of the bank 1 secure watermark area")
    package static let hide1End = OptionField(
        "HDP1_PEND", .secwm1r2, 16, 7, .page, "last page of the bank 1 secure hide area")
    package static let hide1Enable = OptionField("HDP1EN", .secwm1r2, 31, 1, "0: bank 1 hide area off; 1: on")
    package static let secureWatermark2Start = OptionField(
        "SECWM2_PSTRT", .secwm2r1, 0, 7, .page, "first page of the bank 2 secure watermark area")
    package static let secureWatermark2End = OptionField(
        "SECWM2_PEND", .secwm2r1, 16, 7, .page, "last page of the bank 2 secure watermark area")
    package static let hide2End = OptionField(
        "HDP2_PEND", .secwm2r2, 16, 7, .page, "last page of the bank 2 secure hide area")
    package static let hide2Enable = OptionField("HDP2EN", .secwm2r2, 31, 1, "0: bank 2 hide area off; 1: on")

    private static func wrpStart(_ area: String, _ register: OptionRegister) -> OptionField {
        OptionField("WRP\(area)_PSTRT", register, 0, 7, .page, "first page of write-protection area \(area)")
    }

    private static func wrpEnd(_ area: String, _ register: OptionRegister) -> OptionField {
        OptionField(
            "WRP\(area)_PEND", register, 16, 7, .page,
            "last page of write-protection area \(area) (off when PSTRT > PEND)")
    }

    package static let wrp1AStart = wrpStart("1A", .wrp1ar)
    package static let wrp1AEnd = wrpEnd("1A", .wrp1ar)
    package static let wrp1BStart = wrpStart("1B", .wrp1br)
    package static let wrp1BEnd = wrpEnd("1B", .wrp1br)
    package static let wrp2AStart = wrpStart("2A", .wrp2ar)
    package static let wrp2AEnd = wrpEnd("2A", .wrp2ar)
    package static let wrp2BStart = wrpStart("2B", .wrp2br)
    package static let wrp2BEnd = wrpEnd("2B", .wrp2br)

    /// Every field of every option register, in register order.
    package static let all: [OptionField] =
        optr + [
            nsBootAddress0, nsBootAddress1, bootLock, secBootAddress0,
            secureWatermark1Start, secureWatermark1End, hide1End, hide1Enable,
            wrp1AStart, wrp1AEnd, wrp1BStart, wrp1BEnd,
            secureWatermark2Start, secureWatermark2End, hide2End, hide2Enable,
            wrp2AStart, wrp2AEnd, wrp2BStart, wrp2BEnd,
        ]

    package static func named(_ name: String) -> OptionField? {
        all.first { $0.name.uppercased() == name.uppercased() }
    }
}
