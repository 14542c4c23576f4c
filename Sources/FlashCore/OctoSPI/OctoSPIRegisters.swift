/// OCTOSPI1's addresses and register fields (reference §3.1–§3.2); the registers are `OctoSPIRegister`.
package enum OctoSPIRegisters {
    package static let base: UInt32 = 0x4402_1000
    package static let secureBase: UInt32 = 0x5402_1000
    package static let windowSize: UInt32 = 0x400
    /// The memory-mapped window; its end at 0x9FFF_FFFF is [U].
    package static let memoryBase: UInt32 = 0x9000_0000
    package static let memoryWindowSize: UInt32 = 0x1000_0000

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
        package static let dqse = FieldSpec("DQSE", bit: 29, .unimplemented)
        package static let sioo = FieldSpec("SIOO", bit: 31, .unimplemented)
    }

    /// The fields of TCR (and WPTCR, WTCR).
    package enum TimingField {
        package static let dcyc = FieldSpec("DCYC", bit: 0, width: 5)
        package static let dhqc = FieldSpec("DHQC", bit: 28, .unimplemented)
        package static let sshift = FieldSpec("SSHIFT", bit: 30, .unimplemented)
    }

    /// The DCR1 fields the driver sets.
    package enum DeviceField {
        package static let csht = FieldSpec("CSHT", bit: 8, width: 3, .unimplemented)
        package static let devsize = FieldSpec("DEVSIZE", bit: 16, width: 5)
        package static let mtyp = FieldSpec("MTYP", bit: 24, width: 3, .unimplemented)
    }

    /// SR's flags, declared once for the register table and the controller.
    package enum StatusField {
        package static let tef = FieldSpec("TEF", bit: 0, .readOnly)
        package static let tcf = FieldSpec("TCF", bit: 1, .readOnly)
        package static let ftf = FieldSpec("FTF", bit: 2, .readOnly)
        package static let smf = FieldSpec("SMF", bit: 3, .readOnly)
        package static let tof = FieldSpec("TOF", bit: 4, .readOnly)
        package static let busy = FieldSpec("BUSY", bit: 5, .readOnly)
        package static let flevel = FieldSpec("FLEVEL", bit: 8, width: 6, .readOnly)
    }

    /// SR bits as masks, from the field declarations.
    package enum Status {
        package static let tef = StatusField.tef.mask
        package static let tcf = StatusField.tcf.mask
        package static let ftf = StatusField.ftf.mask
        package static let smf = StatusField.smf.mask
        package static let tof = StatusField.tof.mask
        package static let busy = StatusField.busy.mask
        package static let flevel = StatusField.flevel
        /// Flags software clears through FCR (its CTEF, CTCF, CSMF and CTOF sit on the same bits).
        package static let clearable: UInt32 = tef | tcf | smf | tof
    }

    /// CR.FMODE values.
    package enum FunctionalMode: UInt32, Sendable {
        case indirectWrite = 0, indirectRead = 1, autoPolling = 2, memoryMapped = 3
    }
}

/// The phases of a command as CCR/TCR/IR/ABR (or their WCCR/WTCR/WIR/WABR twins) describe them.
struct CommandFormat {
    let ccr: UInt32
    let dummyCycles: Int
    let instruction: UInt32
    let alternate: UInt32

    init(ccr: UInt32, timing: UInt32, instruction: UInt32, alternate: UInt32) {
        self.ccr = ccr
        dummyCycles = Int(OctoSPIRegisters.TimingField.dcyc.value(in: timing))
        self.instruction = instruction
        self.alternate = alternate
    }

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
