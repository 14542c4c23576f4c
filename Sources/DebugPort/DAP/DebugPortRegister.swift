import FlashCore

/// The DP registers a DPACC scan reaches (ADIv5.2, debug-port.md §3), by A[3:2].
package enum DebugPortRegister: UInt32, Sendable, CaseIterable {
    /// DPIDR on a read (DPv1 and later); ABORT is its own JTAG instruction, not this.
    case identification = 0x0
    /// CTRL/STAT with DPBANKSEL 0.
    case controlStatus = 0x4
    case select = 0x8
    case readBuffer = 0xC
}

/// CTRL/STAT's fields, declared once.
package enum ControlStatusField {
    package static let orunDetect = FieldSpec("ORUNDETECT", bit: 0)
    package static let stickyOverrun = FieldSpec("STICKYORUN", bit: 1, .writeOneToClear)
    package static let transferMode = FieldSpec("TRNMODE", bit: 2, width: 2, .unimplemented)
    package static let stickyCompare = FieldSpec("STICKYCMP", bit: 4, .writeOneToClear)
    package static let stickyError = FieldSpec("STICKYERR", bit: 5, .writeOneToClear)
    package static let readOK = FieldSpec("READOK", bit: 6, .readOnly)
    package static let writeDataError = FieldSpec("WDATAERR", bit: 7, .writeOneToClear)
    package static let maskLane = FieldSpec("MASKLANE", bit: 8, width: 4, .unimplemented)
    package static let transferCount = FieldSpec("TRNCNT", bit: 12, width: 12, .unimplemented)
    package static let debugResetRequest = FieldSpec("CDBGRSTREQ", bit: 26)
    package static let debugResetAck = FieldSpec("CDBGRSTACK", bit: 27, .readOnly)
    package static let debugPowerUpRequest = FieldSpec("CDBGPWRUPREQ", bit: 28)
    package static let debugPowerUpAck = FieldSpec("CDBGPWRUPACK", bit: 29, .readOnly)
    package static let systemPowerUpRequest = FieldSpec("CSYSPWRUPREQ", bit: 30)
    package static let systemPowerUpAck = FieldSpec("CSYSPWRUPACK", bit: 31, .readOnly)

    package static let spec = RegisterSpec(
        "CTRL/STAT", offset: DebugPortRegister.controlStatus.rawValue,
        fields: [
            orunDetect, stickyOverrun, transferMode, stickyCompare, stickyError, readOK, writeDataError, maskLane,
            transferCount, debugResetRequest, debugResetAck, debugPowerUpRequest, debugPowerUpAck,
            systemPowerUpRequest, systemPowerUpAck,
        ])
}

/// SELECT's fields.
package enum SelectField {
    package static let dpBank = FieldSpec("DPBANKSEL", bit: 0, width: 4)
    package static let apBank = FieldSpec("APBANKSEL", bit: 4, width: 4)
    package static let apSelect = FieldSpec("APSEL", bit: 24, width: 8)
}
