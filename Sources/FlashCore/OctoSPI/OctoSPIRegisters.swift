/// OCTOSPI1 register offsets, fields and reset values (reference §3.1–§3.2).
/// The reference gives no reset values; all registers reset to zero as in RM0438's tables.
package enum OctoSPIRegisters {
    package static let base: UInt32 = 0x4402_1000
    package static let secureBase: UInt32 = 0x5402_1000
    package static let windowSize: UInt32 = 0x400
    /// The memory-mapped window; its end at 0x9FFF_FFFF is [U].
    package static let memoryBase: UInt32 = 0x9000_0000
    package static let memoryWindowSize: UInt32 = 0x1000_0000

    package enum Offset {
        package static let cr: UInt32 = 0x000
        package static let dcr1: UInt32 = 0x008
        package static let dcr2: UInt32 = 0x00C
        package static let dcr3: UInt32 = 0x010
        package static let dcr4: UInt32 = 0x014
        package static let sr: UInt32 = 0x020
        package static let fcr: UInt32 = 0x024
        package static let dlr: UInt32 = 0x040
        package static let ar: UInt32 = 0x048
        package static let dr: UInt32 = 0x050
        package static let psmkr: UInt32 = 0x080
        package static let psmar: UInt32 = 0x088
        package static let pir: UInt32 = 0x090
        package static let ccr: UInt32 = 0x100
        package static let tcr: UInt32 = 0x108
        package static let ir: UInt32 = 0x110
        package static let abr: UInt32 = 0x120
        package static let lptr: UInt32 = 0x130
        package static let wpccr: UInt32 = 0x140
        package static let wptcr: UInt32 = 0x148
        package static let wpir: UInt32 = 0x150
        package static let wpabr: UInt32 = 0x160
        package static let wccr: UInt32 = 0x180
        package static let wtcr: UInt32 = 0x188
        package static let wir: UInt32 = 0x190
        package static let wabr: UInt32 = 0x1A0
        package static let hlcr: UInt32 = 0x200
    }

    /// CR fields, declared once for the register table, the controller and the driver.
    package enum ControlField {
        package static let en = FieldSpec("EN", bit: 0)
        package static let abort = FieldSpec("ABORT", bit: 1, .setOnly)
        package static let tcen = FieldSpec("TCEN", bit: 3)
        package static let fthres = FieldSpec("FTHRES", bit: 8, width: 5)
        package static let apms = FieldSpec("APMS", bit: 22)
        package static let pmm = FieldSpec("PMM", bit: 23)
        package static let fmode = FieldSpec("FMODE", bit: 28, width: 2)
    }

    /// CR bits as masks, from the field declarations.
    package enum Control {
        package static let en = ControlField.en.mask
        package static let abort = ControlField.abort.mask
        package static let tcen = ControlField.tcen.mask
        package static let apms = ControlField.apms.mask
        package static let pmm = ControlField.pmm.mask
        package static let fmodeMask = ControlField.fmode.mask
    }

    /// The fields of CCR (and of WPCCR and WCCR): each phase's lines, DTR and size.
    package enum CommunicationField {
        package static let imode = FieldSpec("IMODE", bit: 0, width: 3)
        package static let idtr = FieldSpec("IDTR", bit: 3)
        package static let isize = FieldSpec("ISIZE", bit: 4, width: 2)
        package static let admode = FieldSpec("ADMODE", bit: 8, width: 3)
        package static let addtr = FieldSpec("ADDTR", bit: 11)
        package static let adsize = FieldSpec("ADSIZE", bit: 12, width: 2)
        package static let abmode = FieldSpec("ABMODE", bit: 16, width: 3)
        package static let abdtr = FieldSpec("ABDTR", bit: 19)
        package static let absize = FieldSpec("ABSIZE", bit: 20, width: 2)
        package static let dmode = FieldSpec("DMODE", bit: 24, width: 3)
        package static let ddtr = FieldSpec("DDTR", bit: 27)
        package static let dqse = FieldSpec("DQSE", bit: 29)
        package static let sioo = FieldSpec("SIOO", bit: 31)
    }

    /// The fields of TCR (and WPTCR, WTCR).
    package enum TimingField {
        package static let dcyc = FieldSpec("DCYC", bit: 0, width: 5)
        package static let dhqc = FieldSpec("DHQC", bit: 28)
        package static let sshift = FieldSpec("SSHIFT", bit: 30)
    }

    /// The DCR1 fields the driver sets.
    package enum DeviceField {
        package static let csht = FieldSpec("CSHT", bit: 8, width: 3)
        package static let devsize = FieldSpec("DEVSIZE", bit: 16, width: 5)
        package static let mtyp = FieldSpec("MTYP", bit: 24, width: 3)
    }

    package enum Status {
        package static let tef: UInt32 = 1 << 0
        package static let tcf: UInt32 = 1 << 1
        package static let ftf: UInt32 = 1 << 2
        package static let smf: UInt32 = 1 << 3
        package static let tof: UInt32 = 1 << 4
        package static let busy: UInt32 = 1 << 5
        package static let flevel = FieldSpec("FLEVEL", bit: 8, width: 6, .readOnly)
        /// Flags software clears through FCR.
        package static let clearable: UInt32 = tef | tcf | smf | tof
    }

    /// CR.FMODE values.
    package enum FunctionalMode: UInt32, Sendable {
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

    package static let specs: [RegisterSpec] = [
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
