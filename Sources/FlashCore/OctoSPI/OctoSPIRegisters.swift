/// OCTOSPI1 register offsets, fields and reset values (reference §3.1–§3.2).
/// The reference gives no reset values; all registers reset to zero as in RM0438's tables.
public enum OctoSPIRegisters {
    public static let base: UInt32 = 0x4402_1000
    public static let secureBase: UInt32 = 0x5402_1000
    public static let windowSize: UInt32 = 0x400
    /// The memory-mapped window; its end at 0x9FFF_FFFF is [U].
    public static let memoryBase: UInt32 = 0x9000_0000
    public static let memoryWindowSize: UInt32 = 0x1000_0000

    public enum Offset {
        public static let cr: UInt32 = 0x000
        public static let dcr1: UInt32 = 0x008
        public static let dcr2: UInt32 = 0x00C
        public static let dcr3: UInt32 = 0x010
        public static let dcr4: UInt32 = 0x014
        public static let sr: UInt32 = 0x020
        public static let fcr: UInt32 = 0x024
        public static let dlr: UInt32 = 0x040
        public static let ar: UInt32 = 0x048
        public static let dr: UInt32 = 0x050
        public static let psmkr: UInt32 = 0x080
        public static let psmar: UInt32 = 0x088
        public static let pir: UInt32 = 0x090
        public static let ccr: UInt32 = 0x100
        public static let tcr: UInt32 = 0x108
        public static let ir: UInt32 = 0x110
        public static let abr: UInt32 = 0x120
        public static let lptr: UInt32 = 0x130
        public static let wpccr: UInt32 = 0x140
        public static let wptcr: UInt32 = 0x148
        public static let wpir: UInt32 = 0x150
        public static let wpabr: UInt32 = 0x160
        public static let wccr: UInt32 = 0x180
        public static let wtcr: UInt32 = 0x188
        public static let wir: UInt32 = 0x190
        public static let wabr: UInt32 = 0x1A0
        public static let hlcr: UInt32 = 0x200
    }

    /// CR fields, declared once for the register table, the controller and the driver.
    public enum ControlField {
        public static let en = FieldSpec("EN", bit: 0)
        public static let abort = FieldSpec("ABORT", bit: 1, .setOnly)
        public static let tcen = FieldSpec("TCEN", bit: 3)
        public static let fthres = FieldSpec("FTHRES", bit: 8, width: 5)
        public static let apms = FieldSpec("APMS", bit: 22)
        public static let pmm = FieldSpec("PMM", bit: 23)
        public static let fmode = FieldSpec("FMODE", bit: 28, width: 2)
    }

    /// CR bits as masks, from the field declarations.
    public enum Control {
        public static let en = ControlField.en.mask
        public static let abort = ControlField.abort.mask
        public static let tcen = ControlField.tcen.mask
        public static let apms = ControlField.apms.mask
        public static let pmm = ControlField.pmm.mask
        public static let fmodeMask = ControlField.fmode.mask
    }

    /// The fields of CCR (and of WPCCR and WCCR): each phase's lines, DTR and size.
    public enum CommunicationField {
        public static let imode = FieldSpec("IMODE", bit: 0, width: 3)
        public static let idtr = FieldSpec("IDTR", bit: 3)
        public static let isize = FieldSpec("ISIZE", bit: 4, width: 2)
        public static let admode = FieldSpec("ADMODE", bit: 8, width: 3)
        public static let addtr = FieldSpec("ADDTR", bit: 11)
        public static let adsize = FieldSpec("ADSIZE", bit: 12, width: 2)
        public static let abmode = FieldSpec("ABMODE", bit: 16, width: 3)
        public static let abdtr = FieldSpec("ABDTR", bit: 19)
        public static let absize = FieldSpec("ABSIZE", bit: 20, width: 2)
        public static let dmode = FieldSpec("DMODE", bit: 24, width: 3)
        public static let ddtr = FieldSpec("DDTR", bit: 27)
        public static let dqse = FieldSpec("DQSE", bit: 29)
        public static let sioo = FieldSpec("SIOO", bit: 31)
    }

    /// The fields of TCR (and WPTCR, WTCR).
    public enum TimingField {
        public static let dcyc = FieldSpec("DCYC", bit: 0, width: 5)
        public static let dhqc = FieldSpec("DHQC", bit: 28)
        public static let sshift = FieldSpec("SSHIFT", bit: 30)
    }

    /// The DCR1 fields the driver sets.
    public enum DeviceField {
        public static let csht = FieldSpec("CSHT", bit: 8, width: 3)
        public static let devsize = FieldSpec("DEVSIZE", bit: 16, width: 5)
        public static let mtyp = FieldSpec("MTYP", bit: 24, width: 3)
    }

    public enum Status {
        public static let tef: UInt32 = 1 << 0
        public static let tcf: UInt32 = 1 << 1
        public static let ftf: UInt32 = 1 << 2
        public static let smf: UInt32 = 1 << 3
        public static let tof: UInt32 = 1 << 4
        public static let busy: UInt32 = 1 << 5
        public static let flevel = FieldSpec("FLEVEL", bit: 8, width: 6, .readOnly)
        /// Flags software clears through FCR.
        public static let clearable: UInt32 = tef | tcf | smf | tof
    }

    /// CR.FMODE values.
    public enum FunctionalMode: UInt32, Sendable {
        case indirectWrite = 0, indirectRead = 1, autoPolling = 2, memoryMapped = 3
    }

    private static func communication(_ name: String, _ offset: UInt32, sioo: Bool) -> RegisterSpec {
        typealias F = CommunicationField
        var fields = [
            F.imode, F.idtr, F.isize, F.admode, F.addtr, F.adsize, F.abmode, F.abdtr, F.absize, F.dmode, F.ddtr, F.dqse,
        ]
        if sioo { fields.append(F.sioo) }
        return RegisterSpec(name, offset: offset, fields: fields)
    }

    private static func timing(_ name: String, _ offset: UInt32, dummyOnly: Bool) -> RegisterSpec {
        typealias F = TimingField
        return RegisterSpec(name, offset: offset, fields: dummyOnly ? [F.dcyc] : [F.dcyc, F.dhqc, F.sshift])
    }

    private static func word(_ name: String, _ offset: UInt32, field: String, width: Int = 32) -> RegisterSpec {
        RegisterSpec(name, offset: offset, fields: [FieldSpec(field, bit: 0, width: width)])
    }

    public static let specs: [RegisterSpec] = [
        RegisterSpec(
            "CR", offset: Offset.cr,
            fields: [
                ControlField.en, ControlField.abort, FieldSpec("DMAEN", bit: 2), ControlField.tcen,
                FieldSpec("DQM", bit: 6), FieldSpec("FSEL", bit: 7), ControlField.fthres,
                FieldSpec("TEIE", bit: 16), FieldSpec("TCIE", bit: 17), FieldSpec("FTIE", bit: 18),
                FieldSpec("SMIE", bit: 19), FieldSpec("TOIE", bit: 20), ControlField.apms, ControlField.pmm,
                ControlField.fmode,
            ]),
        RegisterSpec(
            "DCR1", offset: Offset.dcr1,
            fields: [
                FieldSpec("CKMODE", bit: 0), FieldSpec("FRCK", bit: 1), FieldSpec("DLYBYP", bit: 3),
                DeviceField.csht, DeviceField.devsize, DeviceField.mtyp,
            ]),
        RegisterSpec(
            "DCR2", offset: Offset.dcr2,
            fields: [
                FieldSpec("PRESCALER", bit: 0, width: 8), FieldSpec("WRAPSIZE", bit: 16, width: 3),
            ]),
        RegisterSpec("DCR3", offset: Offset.dcr3, fields: [FieldSpec("CSBOUND", bit: 16, width: 5)]),
        word("DCR4", Offset.dcr4, field: "REFRESH"),
        RegisterSpec(
            "SR", offset: Offset.sr,
            fields: [
                FieldSpec("TEF", bit: 0, .readOnly), FieldSpec("TCF", bit: 1, .readOnly),
                FieldSpec("FTF", bit: 2, .readOnly),
                FieldSpec("SMF", bit: 3, .readOnly), FieldSpec("TOF", bit: 4, .readOnly),
                FieldSpec("BUSY", bit: 5, .readOnly),
                Status.flevel,
            ]),
        // Write-only: reads as zero, each 1 clears the SR flag (the write hook does it).
        RegisterSpec(
            "FCR", offset: Offset.fcr,
            fields: [
                FieldSpec("CTEF", bit: 0, .setOnly), FieldSpec("CTCF", bit: 1, .setOnly),
                FieldSpec("CSMF", bit: 3, .setOnly), FieldSpec("CTOF", bit: 4, .setOnly),
            ]),
        word("DLR", Offset.dlr, field: "DL"),
        word("AR", Offset.ar, field: "ADDRESS"),
        word("DR", Offset.dr, field: "DATA"),
        word("PSMKR", Offset.psmkr, field: "MASK"),
        word("PSMAR", Offset.psmar, field: "MATCH"),
        word("PIR", Offset.pir, field: "INTERVAL", width: 16),
        communication("CCR", Offset.ccr, sioo: true),
        timing("TCR", Offset.tcr, dummyOnly: false),
        word("IR", Offset.ir, field: "INSTRUCTION"),
        word("ABR", Offset.abr, field: "ALTERNATE"),
        word("LPTR", Offset.lptr, field: "TIMEOUT", width: 16),
        communication("WPCCR", Offset.wpccr, sioo: false),
        timing("WPTCR", Offset.wptcr, dummyOnly: false),
        word("WPIR", Offset.wpir, field: "INSTRUCTION"),
        word("WPABR", Offset.wpabr, field: "ALTERNATE"),
        communication("WCCR", Offset.wccr, sioo: false),
        timing("WTCR", Offset.wtcr, dummyOnly: true),
        word("WIR", Offset.wir, field: "INSTRUCTION"),
        word("WABR", Offset.wabr, field: "ALTERNATE"),
        RegisterSpec(
            "HLCR", offset: Offset.hlcr,
            fields: [
                FieldSpec("LM", bit: 0), FieldSpec("WZL", bit: 1), FieldSpec("TACC", bit: 8, width: 8),
                FieldSpec("TRWR", bit: 16, width: 8),
            ]),
    ]

    /// Registers that keep their value while BUSY is set (RM0438: writable only when BUSY = 0).
    static let lockedWhileBusy: Set<UInt32> = [
        Offset.dcr1, Offset.dcr2, Offset.dcr3, Offset.dcr4, Offset.dlr, Offset.ar, Offset.psmkr, Offset.psmar,
        Offset.pir, Offset.ccr, Offset.tcr, Offset.ir, Offset.abr, Offset.lptr, Offset.wpccr, Offset.wptcr,
        Offset.wpir, Offset.wpabr, Offset.wccr, Offset.wtcr, Offset.wir, Offset.wabr, Offset.hlcr,
    ]
}

/// The phases of a command as CCR/TCR/IR/ABR (or their WCCR/WTCR/WIR/WABR twins) describe them.
struct CommandFormat {
    let ccr: UInt32
    let dummyCycles: Int
    let instruction: UInt32
    let alternate: UInt32

    private static func lines(_ mode: UInt32) -> NORLines {
        switch mode {
        case 1: .one
        case 2: .two
        case 3: .four
        case 4: .eight
        default: .none
        }
    }

    private typealias F = OctoSPIRegisters.CommunicationField

    var hasAddress: Bool { F.admode.value(in: ccr) != 0 }
    var hasData: Bool { F.dmode.value(in: ccr) != 0 }
    var hasInstruction: Bool { F.imode.value(in: ccr) != 0 }

    /// The transaction for `address` (ignored without an address phase) and a data phase.
    func transaction(address: UInt32, data: NORData) -> NORTransaction {
        let instructionLines = Self.lines(F.imode.value(in: ccr))
        let addressLines = Self.lines(F.admode.value(in: ccr))
        let alternateLines = Self.lines(F.abmode.value(in: ccr))
        let dataLines = Self.lines(F.dmode.value(in: ccr))
        let instructionSize = Int(F.isize.value(in: ccr)) + 1
        let addressSize = Int(F.adsize.value(in: ccr)) + 1
        let alternateSize = Int(F.absize.value(in: ccr)) + 1
        let sizeMask: (Int) -> UInt32 = { $0 >= 4 ? 0xFFFF_FFFF : (UInt32(1) << UInt32($0 * 8)) - 1 }
        return NORTransaction(
            instruction: instructionLines == .none ? 0 : instruction & sizeMask(instructionSize),
            instructionSize: instructionLines == .none ? 0 : instructionSize,
            instructionPhase: NORPhase(instructionLines, dtr: F.idtr.value(in: ccr) != 0),
            address: addressLines == .none ? nil : address & sizeMask(addressSize),
            addressSize: addressSize,
            addressPhase: NORPhase(addressLines, dtr: F.addtr.value(in: ccr) != 0),
            alternate: alternateLines == .none ? nil : alternate & sizeMask(alternateSize),
            alternateSize: alternateSize,
            alternatePhase: NORPhase(alternateLines, dtr: F.abdtr.value(in: ccr) != 0),
            dummyCycles: dummyCycles,
            data: dataLines == .none ? .none : data,
            dataPhase: NORPhase(dataLines, dtr: F.ddtr.value(in: ccr) != 0))
    }
}
