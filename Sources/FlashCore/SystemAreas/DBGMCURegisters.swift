/// The debug MCU block at 0xE004_4000 (CMSIS `DBGMCU_TypeDef`, debug-port.md §5): IDCODE names
/// the device (DEV_ID 0x472) and its revision; OpenOCD's examine-end event writes CR and APB1FZR1.
package enum DBGMCURegister: CaseIterable, Sendable, Equatable {
    case idcode, cr, apb1fzr1, apb1fzr2, apb2fzr

    package var offset: UInt32 {
        switch self {
        case .idcode: 0x00
        case .cr: 0x04
        case .apb1fzr1: 0x08
        case .apb1fzr2: 0x0C
        case .apb2fzr: 0x10
        }
    }

    package init?(offset: UInt32) {
        guard let register = Self.allCases.first(where: { $0.offset == offset }) else { return nil }
        self = register
    }

    package var address: UInt32 { SystemArea.dbgmcuBase + offset }

    package var spec: RegisterSpec {
        typealias F = DBGMCUField
        switch self {
        case .idcode: return RegisterSpec("DBGMCU_IDCODE", offset: offset, fields: [F.devID, F.revID])
        case .cr:
            return RegisterSpec(
                "DBGMCU_CR", offset: offset, fields: [F.dbgStop, F.dbgStandby, F.traceIOEn, F.traceEn, F.traceMode])
        case .apb1fzr1: return RegisterSpec("DBGMCU_APB1FZR1", offset: offset, fields: F.apb1Freeze1)
        case .apb1fzr2: return RegisterSpec("DBGMCU_APB1FZR2", offset: offset, fields: F.apb1Freeze2)
        case .apb2fzr: return RegisterSpec("DBGMCU_APB2FZR", offset: offset, fields: F.apb2Freeze)
        }
    }
}

/// The DBGMCU fields (CMSIS `stm32l562xx.h`), declared once. Only IDCODE has an effect in the
/// model; the others read back what was written and do nothing else.
package enum DBGMCUField {
    package static let devID = FieldSpec("DEV_ID", bit: 0, width: 12, .readOnly)
    package static let revID = FieldSpec("REV_ID", bit: 16, width: 16, .readOnly)

    /// The STM32L552/L562 (OpenOCD's stm32l4x part table; reference §8).
    package static let deviceID: UInt32 = 0x472
    /// Revision B: OpenOCD printed "STM32L55/L56xx - Rev B : 0x2000" for IDCODE 0x20000472.
    package static let revisionB: UInt32 = 0x2000
    package static let idcode: UInt32 = devID.inserting(deviceID, into: 0) | revID.inserting(revisionB, into: 0)

    package static let dbgStop = FieldSpec("DBG_STOP", bit: 1, .unimplemented)
    package static let dbgStandby = FieldSpec("DBG_STANDBY", bit: 2, .unimplemented)
    package static let traceIOEn = FieldSpec("TRACE_IOEN", bit: 4, .unimplemented)
    package static let traceEn = FieldSpec("TRACE_EN", bit: 5, .unimplemented)
    package static let traceMode = FieldSpec("TRACE_MODE", bit: 6, width: 2, .unimplemented)

    private static func stops(_ bits: [(String, Int)]) -> [FieldSpec] {
        bits.map { FieldSpec("DBG_\($0.0)_STOP", bit: $0.1, .unimplemented) }
    }

    package static let apb1Freeze1 = stops([
        ("TIM2", 0), ("TIM3", 1), ("TIM4", 2), ("TIM5", 3), ("TIM6", 4), ("TIM7", 5), ("RTC", 10), ("WWDG", 11),
        ("IWDG", 12), ("I2C1", 21), ("I2C2", 22), ("I2C3", 23), ("FDCAN1", 25), ("LPTIM1", 31),
    ])
    package static let apb1Freeze2 = stops([("I2C4", 1), ("LPTIM2", 5), ("LPTIM3", 6)])
    package static let apb2Freeze = stops([("TIM1", 11), ("TIM8", 13), ("TIM15", 16), ("TIM16", 17), ("TIM17", 18)])
}

/// DBGMCU on the bus. IDCODE is read-only (a write is refused); the other registers are kept
/// and read back. They are volatile: a new machine starts them at zero.
final class DBGMCUPort: RegisterBlockTarget {
    private var registers = RegisterFile(DBGMCURegister.allCases.map(\.spec))

    override func readRegister(at offset: UInt32, window: Int) -> Result<UInt32, BusFault> {
        guard let register = DBGMCURegister(offset: offset) else { return .failure(.unmapped) }
        return .success(value(of: register))
    }

    private func value(of register: DBGMCURegister) -> UInt32 {
        if register == .idcode { return DBGMCUField.idcode }
        return registers.index(ofOffset: register.offset).map { registers[$0] } ?? 0
    }

    override func currentRegister(at offset: UInt32, window: Int) -> UInt32 {
        DBGMCURegister(offset: offset).map(value(of:)) ?? 0
    }

    override func writeRegister(_ value: UInt32, at offset: UInt32, window: Int) -> Result<Void, BusFault> {
        guard let register = DBGMCURegister(offset: offset) else { return .failure(.unmapped) }
        guard register != .idcode, let index = registers.index(ofOffset: offset) else {
            return .failure(.refused("DBGMCU_IDCODE is read-only"))
        }
        registers[index] = registers.specs[index].applyingWrite(value, to: registers[index])
        return .success(())
    }

    override func peekRegister(offset: UInt32, window: Int) -> (spec: RegisterSpec, value: UInt32)? {
        DBGMCURegister(offset: offset & ~3).map { ($0.spec, value(of: $0)) }
    }

    override func peekValue(offset: UInt32, window: Int) -> UInt32? {
        DBGMCURegister(offset: offset & ~3).map(value(of:))
    }

    override func regionName(window: Int) -> String { "DBGMCU" }
}

/// Where OpenOCD looks for an IDCODE before the L5's (debug-port.md §5): the L4/G4 DBGMCU at
/// 0xE004_2000 (reserved on the L5: assumption old-dbgmcu-address) and the G0's at 0x4001_5800,
/// which on the L5 is SAI2's global configuration register (SAI2_GCR, reset value 0).
package enum OldIDCodeLocation: CaseIterable, Sendable {
    case l4DBGMCU, sai2GCR

    package var address: UInt32 { self == .l4DBGMCU ? 0xE004_2000 : 0x4001_5800 }

    package var spec: RegisterSpec {
        switch self {
        case .l4DBGMCU: RegisterSpec("reserved", offset: 0, fields: [])
        // SAI2_GCR: SYNCIN[1:0], SYNCOUT[5:4] (CMSIS); SAI2 itself is not modelled.
        case .sai2GCR:
            RegisterSpec(
                "SAI2_GCR", offset: 0,
                fields: [
                    FieldSpec("SYNCIN", bit: 0, width: 2, .unimplemented),
                    FieldSpec("SYNCOUT", bit: 4, width: 2, .unimplemented),
                ])
        }
    }
}

/// One word at an old IDCODE location: 0xE004_2000 reads zero or faults (the assumption),
/// SAI2_GCR reads back what was written (zero after reset).
final class OldIDCodePort: RegisterBlockTarget {
    let location: OldIDCodeLocation
    let faults: () -> Bool
    private var value: UInt32 = 0

    init(_ location: OldIDCodeLocation, faults: @escaping () -> Bool) {
        self.location = location
        self.faults = faults
    }

    override func readRegister(at offset: UInt32, window: Int) -> Result<UInt32, BusFault> {
        if location == .l4DBGMCU && faults() {
            return .failure(.refused("reserved address (assumption old-dbgmcu-address)"))
        }
        return .success(offset == 0 ? value : 0)
    }

    override func currentRegister(at offset: UInt32, window: Int) -> UInt32 { offset == 0 ? value : 0 }

    override func writeRegister(_ value: UInt32, at offset: UInt32, window: Int) -> Result<Void, BusFault> {
        switch location {
        case .l4DBGMCU:
            return faults() ? .failure(.refused("reserved address (assumption old-dbgmcu-address)")) : .success(())
        case .sai2GCR:
            self.value = location.spec.applyingWrite(value, to: self.value)
            return .success(())
        }
    }

    override func peekRegister(offset: UInt32, window: Int) -> (spec: RegisterSpec, value: UInt32)? {
        offset & ~3 == 0 ? (location.spec, value) : nil
    }

    override func peekValue(offset: UInt32, window: Int) -> UInt32? { offset & ~3 == 0 ? value : nil }

    override func regionName(window: Int) -> String { location == .l4DBGMCU ? "reserved (L4 DBGMCU)" : "SAI2" }
}
