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

/// One named field of an option register.
package struct OptionField: Equatable, Sendable {
    package let name: String
    package let register: OptionRegister
    package let lsb: Int
    package let width: Int
    /// Short meaning, for `ob` and the option bytes panel.
    package let meaning: String

    package var mask: UInt32 { (width == 32 ? UInt32.max : (UInt32(1) << UInt32(width)) - 1) << UInt32(lsb) }
    package var maxValue: UInt32 { width == 32 ? UInt32.max : (UInt32(1) << UInt32(width)) - 1 }

    package func value(in register: UInt32) -> UInt32 { (register & mask) >> UInt32(lsb) }

    package func replacing(in register: UInt32, with value: UInt32) -> UInt32 {
        (register & ~mask) | ((value << UInt32(lsb)) & mask)
    }

    private init(_ name: String, _ register: OptionRegister, _ lsb: Int, _ width: Int, _ meaning: String) {
        self.name = name
        self.register = register
        self.lsb = lsb
        self.width = width
        self.meaning = meaning
    }

    /// The fields of FLASH_OPTR, low bit first (reference §2.1).
    package static let optr: [OptionField] = [
        .init("RDP", .optr, 0, 8, "readout protection: 0xAA level 0, 0x55 level 0.5, 0xCC level 2, else level 1"),
        .init("BOR_LEV", .optr, 8, 3, "brown-out reset level 0..4 (about 1.7/2.0/2.2/2.5/2.8 V)"),
        .init("nRST_STOP", .optr, 12, 1, "0: reset when entering Stop; 1: no reset"),
        .init("nRST_STDBY", .optr, 13, 1, "0: reset when entering Standby; 1: no reset"),
        .init("nRST_SHDW", .optr, 14, 1, "0: reset when entering Shutdown; 1: no reset"),
        .init("IWDG_SW", .optr, 16, 1, "0: hardware IWDG; 1: software IWDG"),
        .init("IWDG_STOP", .optr, 17, 1, "0: IWDG frozen in Stop; 1: running"),
        .init("IWDG_STDBY", .optr, 18, 1, "0: IWDG frozen in Standby; 1: running"),
        .init("WWDG_SW", .optr, 19, 1, "0: hardware WWDG; 1: software WWDG"),
        .init("SWAP_BANK", .optr, 20, 1, "0: bank 1 at 0x08000000; 1: bank 2 there"),
        .init("DB256K", .optr, 21, 1, "dual bank on 256 KB parts"),
        .init("DBANK", .optr, 22, 1, "0: single bank, 4 KB pages; 1: dual bank, 2 KB pages"),
        .init("SRAM2_PE", .optr, 24, 1, "0: SRAM2 parity check on; 1: off"),
        .init("SRAM2_RST", .optr, 25, 1, "0: SRAM2 erased on system reset; 1: kept"),
        .init("nSWBOOT0", .optr, 26, 1, "0: BOOT0 from nBOOT0; 1: BOOT0 from the pin"),
        .init("nBOOT0", .optr, 27, 1, "software BOOT0 value (inverted)"),
        .init("PA15_PUPEN", .optr, 28, 1, "0: USB-PD dead battery on, TDI pull-up off; 1: the reverse"),
        .init("TZEN", .optr, 31, 1, "global TrustZone enable"),
    ]

    private static func wrp(_ area: String, _ register: OptionRegister) -> [OptionField] {
        [
            .init("WRP\(area)_PSTRT", register, 0, 7, "first page of write-protection area \(area)"),
            .init(
                "WRP\(area)_PEND", register, 16, 7, "last page of write-protection area \(area) (off when PSTRT > PEND)"
            ),
        ]
    }

    /// Every field of every option register.
    package static let all: [OptionField] =
        optr + [
            .init("NSBOOTADD0", .nsbootadd0r, 7, 25, "non-secure boot address 0, bits 31:7"),
            .init("NSBOOTADD1", .nsbootadd1r, 7, 25, "non-secure boot address 1, bits 31:7"),
            .init("BOOT_LOCK", .secbootadd0r, 0, 1, "boot address locked to SECBOOTADD0"),
            .init("SECBOOTADD0", .secbootadd0r, 7, 25, "secure boot address 0, bits 31:7"),
            .init("SECWM1_PSTRT", .secwm1r1, 0, 7, "first page of the bank 1 secure watermark area"),
            .init("SECWM1_PEND", .secwm1r1, 16, 7, "last page of the bank 1 secure watermark area"),
            .init("HDP1_PEND", .secwm1r2, 16, 7, "last page of the bank 1 secure hide area"),
            .init("HDP1EN", .secwm1r2, 31, 1, "bank 1 secure hide area enable"),
        ] + wrp("1A", .wrp1ar) + wrp("1B", .wrp1br) + [
            .init("SECWM2_PSTRT", .secwm2r1, 0, 7, "first page of the bank 2 secure watermark area"),
            .init("SECWM2_PEND", .secwm2r1, 16, 7, "last page of the bank 2 secure watermark area"),
            .init("HDP2_PEND", .secwm2r2, 16, 7, "last page of the bank 2 secure hide area"),
            .init("HDP2EN", .secwm2r2, 31, 1, "bank 2 secure hide area enable"),
        ] + wrp("2A", .wrp2ar) + wrp("2B", .wrp2br)

    package static func named(_ name: String) -> OptionField? {
        all.first { $0.name.uppercased() == name.uppercased() }
    }
}
