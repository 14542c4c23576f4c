/// OCTOSPI1's registers, by offset in its window (reference §3.1–§3.2).
/// The reference gives no reset values; all registers reset to zero as in RM0438's tables.
/// Fields the model stores but does not act on (DMA, interrupts, clocking, wrap reads, HyperBus,
/// SIOO, DQS, the Macronix byte order of MTYP) are declared `.unimplemented`.
package enum OctoSPIRegister: UInt32, CaseIterable, Sendable {
    case cr = 0x000
    case dcr1 = 0x008
    case dcr2 = 0x00C
    case dcr3 = 0x010
    case dcr4 = 0x014
    case sr = 0x020
    case fcr = 0x024
    case dlr = 0x040
    case ar = 0x048
    case dr = 0x050
    case psmkr = 0x080
    case psmar = 0x088
    case pir = 0x090
    case ccr = 0x100
    case tcr = 0x108
    case ir = 0x110
    case abr = 0x120
    case lptr = 0x130
    case wpccr = 0x140
    case wptcr = 0x148
    case wpir = 0x150
    case wpabr = 0x160
    case wccr = 0x180
    case wtcr = 0x188
    case wir = 0x190
    case wabr = 0x1A0
    case hlcr = 0x200

    package var offset: UInt32 { rawValue }

    /// The register a word-aligned offset names, if any.
    package init?(offset: UInt32) { self.init(rawValue: offset) }

    /// RM0438: everything but CR, SR, FCR and DR is writable only while BUSY = 0.
    package var lockedWhileBusy: Bool {
        switch self {
        case .cr, .sr, .fcr, .dr: false
        default: true
        }
    }

    package var spec: RegisterSpec {
        typealias R = OctoSPIRegisters
        switch self {
        case .cr:
            return RegisterSpec(
                "CR", offset: offset,
                fields: [
                    R.ControlField.en, R.ControlField.abort, FieldSpec("DMAEN", bit: 2, .unimplemented),
                    R.ControlField.tcen,
                    FieldSpec("DQM", bit: 6, .unimplemented), FieldSpec("FSEL", bit: 7, .unimplemented),
                    R.ControlField.fthres,
                    FieldSpec("TEIE", bit: 16, .unimplemented), FieldSpec("TCIE", bit: 17, .unimplemented),
                    FieldSpec("FTIE", bit: 18, .unimplemented),
                    FieldSpec("SMIE", bit: 19, .unimplemented), FieldSpec("TOIE", bit: 20, .unimplemented),
                    R.ControlField.apms, R.ControlField.pmm,
                    R.ControlField.fmode,
                ])
        case .dcr1:
            return RegisterSpec(
                "DCR1", offset: offset,
                fields: [
                    FieldSpec("CKMODE", bit: 0, .unimplemented), FieldSpec("FRCK", bit: 1, .unimplemented),
                    FieldSpec("DLYBYP", bit: 3, .unimplemented),
                    R.DeviceField.csht, R.DeviceField.devsize, R.DeviceField.mtyp,
                ])
        case .dcr2:
            return RegisterSpec(
                "DCR2", offset: offset,
                fields: [
                    FieldSpec("PRESCALER", bit: 0, width: 8, .unimplemented),
                    FieldSpec("WRAPSIZE", bit: 16, width: 3, .unimplemented),
                ])
        case .dcr3:
            return RegisterSpec(
                "DCR3", offset: offset, fields: [FieldSpec("CSBOUND", bit: 16, width: 5, .unimplemented)])
        case .dcr4: return word("DCR4", field: "REFRESH", .unimplemented)
        case .sr:
            typealias S = R.StatusField
            return RegisterSpec("SR", offset: offset, fields: [S.tef, S.tcf, S.ftf, S.smf, S.tof, S.busy, S.flevel])
        case .fcr:
            // Write-only: reads as zero, each 1 clears the SR flag (the controller's write hook does it).
            return RegisterSpec(
                "FCR", offset: offset,
                fields: [
                    FieldSpec("CTEF", bit: 0, .setOnly), FieldSpec("CTCF", bit: 1, .setOnly),
                    FieldSpec("CSMF", bit: 3, .setOnly), FieldSpec("CTOF", bit: 4, .setOnly),
                ])
        case .dlr: return word("DLR", field: "DL")
        case .ar: return word("AR", field: "ADDRESS")
        case .dr: return word("DR", field: "DATA")
        case .psmkr: return word("PSMKR", field: "MASK")
        case .psmar: return word("PSMAR", field: "MATCH")
        case .pir: return word("PIR", field: "INTERVAL", width: 16, .unimplemented)
        case .ccr: return communication("CCR", sioo: true)
        case .tcr: return timing("TCR", dummyOnly: false)
        case .ir: return word("IR", field: "INSTRUCTION")
        case .abr: return word("ABR", field: "ALTERNATE")
        case .lptr: return word("LPTR", field: "TIMEOUT", width: 16, .unimplemented)
        case .wpccr: return communication("WPCCR", sioo: false).unmodelled
        case .wptcr: return timing("WPTCR", dummyOnly: false).unmodelled
        case .wpir: return word("WPIR", field: "INSTRUCTION", .unimplemented)
        case .wpabr: return word("WPABR", field: "ALTERNATE", .unimplemented)
        case .wccr: return communication("WCCR", sioo: false)
        case .wtcr: return timing("WTCR", dummyOnly: true)
        case .wir: return word("WIR", field: "INSTRUCTION")
        case .wabr: return word("WABR", field: "ALTERNATE")
        case .hlcr:
            return RegisterSpec(
                "HLCR", offset: offset,
                fields: [
                    FieldSpec("LM", bit: 0, .unimplemented), FieldSpec("WZL", bit: 1, .unimplemented),
                    FieldSpec("TACC", bit: 8, width: 8, .unimplemented),
                    FieldSpec("TRWR", bit: 16, width: 8, .unimplemented),
                ])
        }
    }

    /// The register table in offset order, built from `spec`.
    package static let specs: [RegisterSpec] = allCases.map(\.spec)

    private func communication(_ name: String, sioo: Bool) -> RegisterSpec {
        typealias F = OctoSPIRegisters.CommunicationField
        var fields = [
            F.imode, F.idtr, F.isize, F.admode, F.addtr, F.adsize, F.abmode, F.abdtr, F.absize, F.dmode, F.ddtr, F.dqse,
        ]
        if sioo { fields.append(F.sioo) }
        return RegisterSpec(name, offset: offset, fields: fields)
    }

    private func timing(_ name: String, dummyOnly: Bool) -> RegisterSpec {
        typealias F = OctoSPIRegisters.TimingField
        return RegisterSpec(name, offset: offset, fields: dummyOnly ? [F.dcyc] : [F.dcyc, F.dhqc, F.sshift])
    }

    private func word(_ name: String, field: String, width: Int = 32, _ access: FieldAccess = .readWrite)
        -> RegisterSpec
    {
        RegisterSpec(name, offset: offset, fields: [FieldSpec(field, bit: 0, width: width, access)])
    }
}

extension RegisterSpec {
    /// The same register with every field declared but not modelled.
    fileprivate var unmodelled: RegisterSpec {
        RegisterSpec(
            name, offset: offset, reset: reset,
            fields: fields.map { FieldSpec($0.name, bit: $0.lsb, width: $0.width, .unimplemented) })
    }
}
