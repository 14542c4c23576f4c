import FlashCore

/// The MEM-AP registers (ADIv5.2, debug-port.md §4), by address.
package enum AccessPortRegister: UInt32, Sendable, CaseIterable {
    case controlStatusWord = 0x00
    case transferAddress = 0x04
    case dataReadWrite = 0x0C
    case bankedData0 = 0x10
    case bankedData1 = 0x14
    case bankedData2 = 0x18
    case bankedData3 = 0x1C
    case configuration = 0xF4
    case base = 0xF8
    case identification = 0xFC
}

/// CSW's fields, declared once.
package enum ControlStatusWordField {
    package static let size = FieldSpec("Size", bit: 0, width: 3)
    package static let addressIncrement = FieldSpec("AddrInc", bit: 4, width: 2)
    package static let deviceEnabled = FieldSpec("DeviceEn", bit: 6, .readOnly)
    package static let transferInProgress = FieldSpec("TrInProg", bit: 7, .readOnly)
    package static let mode = FieldSpec("Mode", bit: 8, width: 4, .unimplemented)
    package static let secureDebugEnabled = FieldSpec("SPIDEN", bit: 23, .readOnly)
    /// HPROT[3:0] (cacheable, bufferable, privileged, data): carried, not modelled.
    package static let protection = FieldSpec("HPROT", bit: 24, width: 4, .unimplemented)
    /// 1: the access is non-secure (stm32x5x_common.cfg writes 0x4B000000 or 0x0B000000 under 0x4F000000).
    package static let nonSecure = FieldSpec("HNONSEC", bit: 30)
    package static let debugSoftwareEnable = FieldSpec("DbgSwEnable", bit: 31, .unimplemented)

    package static let spec = RegisterSpec(
        "CSW", offset: AccessPortRegister.controlStatusWord.rawValue,
        fields: [
            size, addressIncrement, deviceEnabled, transferInProgress, mode, secureDebugEnabled, protection, nonSecure,
            debugSoftwareEnable,
        ])
}

/// How the AP reaches memory: the system bus, as a debugger (the trace names the origin).
package protocol DebugMemory: AnyObject {
    func read(_ address: UInt32, size: AccessSize) -> Result<UInt32, BusFault>
    func write(_ address: UInt32, _ value: UInt32, size: AccessSize) -> Result<Void, BusFault>
    /// Whether secure accesses are possible now (SPIDEN: TZEN=1 and secure debug allowed).
    var secureDebugAllowed: Bool { get }
}

/// The STM32L5's AHB5 access port (AP 0). Byte, half-word and word transfers at TAR through
/// DRW with single auto-increment inside a 1 KiB block, the four banked data registers, and
/// the identification OpenOCD checks. Packed transfers are not implemented: AddrInc 0b10
/// reads back as 0b00, which is how a debugger learns that (ADIv5: optional).
package final class MemoryAccessPort: AccessPort {
    /// debug-port.md §4: IDR 0x84770001 (AHB5-AP), BASE 0xE00FF003 (the ROM table, present, ADIv5 format).
    package static let identification: UInt32 = 0x8477_0001
    package static let romTableBase: UInt32 = 0xE00F_F003
    /// Transfers auto-increment inside a block of this size (ADIv5 minimum).
    static let autoIncrementBlock: UInt32 = 0x400

    private let memory: any DebugMemory
    private var controlStatusWord: UInt32 = 0
    private var transferAddress: UInt32 = 0

    package init(memory: any DebugMemory) {
        self.memory = memory
        // Reset: word size, no increment, HNONSEC set (the debugger picks secure access explicitly).
        controlStatusWord = ControlStatusWordField.size.inserting(2, into: ControlStatusWordField.nonSecure.mask)
    }

    private typealias F = ControlStatusWordField

    private var accessSize: AccessSize {
        switch F.size.value(in: controlStatusWord) {
        case 0: .byte
        case 1: .halfWord
        default: .word
        }
    }

    package func read(_ address: UInt32) -> Result<UInt32, BusFault> {
        switch AccessPortRegister(rawValue: address) {
        case .controlStatusWord:
            var value = F.deviceEnabled.inserting(1, into: controlStatusWord)
            value = F.secureDebugEnabled.inserting(memory.secureDebugAllowed ? 1 : 0, into: value)
            return .success(value)
        case .transferAddress: return .success(transferAddress)
        case .dataReadWrite:
            let size = accessSize
            let result = memory.read(transferAddress, size: size).map { $0 << (8 * (transferAddress & 3)) }
            advance(by: size)
            return result
        case .bankedData0, .bankedData1, .bankedData2, .bankedData3:
            return memory.read(bankedAddress(address), size: .word)
        case .configuration: return .success(0)  // Little-endian, 32-bit addresses, no large data.
        case .base: return .success(Self.romTableBase)
        case .identification: return .success(Self.identification)
        case nil: return .success(0)
        }
    }

    package func write(_ address: UInt32, _ value: UInt32) -> Result<Void, BusFault> {
        switch AccessPortRegister(rawValue: address) {
        case .controlStatusWord:
            var written = F.spec.applyingWrite(value, to: controlStatusWord)
            // Sizes beyond a word and packed increments are not implemented: keep what was there.
            if F.size.value(in: written) > 2 {
                written = F.size.inserting(F.size.value(in: controlStatusWord), into: written)
            }
            if F.addressIncrement.value(in: written) > 1 { written = F.addressIncrement.inserting(0, into: written) }
            controlStatusWord = written
            return .success(())
        case .transferAddress:
            transferAddress = value
            return .success(())
        case .dataReadWrite:
            let size = accessSize
            let result = memory.write(transferAddress, value >> (8 * (transferAddress & 3)) & size.mask, size: size)
            advance(by: size)
            return result
        case .bankedData0, .bankedData1, .bankedData2, .bankedData3:
            return memory.write(bankedAddress(address), value, size: .word)
        case .configuration, .base, .identification, nil: return .success(())
        }
    }

    /// Whether the current CSW asks for a non-secure access.
    package var nonSecureAccess: Bool { F.nonSecure.value(in: controlStatusWord) != 0 }

    private func bankedAddress(_ register: UInt32) -> UInt32 { transferAddress & ~0xF | (register & 0xC) }

    /// Single auto-increment wraps inside its 1 KiB block (ADIv5: TAR[9:0] only).
    private func advance(by size: AccessSize) {
        guard F.addressIncrement.value(in: controlStatusWord) == 1 else { return }
        let block = transferAddress & ~(Self.autoIncrementBlock - 1)
        transferAddress = block | (transferAddress &+ UInt32(size.rawValue)) & (Self.autoIncrementBlock - 1)
    }
}
