import FlashCore

/// The DWT at 0xE0001000 as far as a debugger probes it: four comparators that read back what
/// was written. Watchpoints do not trigger (data watchpoints are not modelled; `info` says so).
package final class WatchpointUnit: RegisterBlockTarget {
    package static let base: UInt32 = 0xE000_1000
    package static let size: UInt32 = 0x1000
    package static let comparatorCount = 4
    /// DEVARCH of an Armv8-M DWT (debug-port.md §5: OpenOCD reads it at 0xFBC).
    static let architecture: UInt32 = 0x4770_1A02
    static let identity = CoreSightIdentity(
        partNumber: 0xD21, designer: CoreSightIdentity.armDesigner, revision: 0, componentClass: 0x9)

    package static let comparatorCountField = FieldSpec("NUMCOMP", bit: 28, width: 4, .readOnly)

    private var registers: [UInt32: UInt32] = [:]

    package override init() {}

    override package func readRegister(at offset: UInt32, window: Int) -> Result<UInt32, BusFault> {
        .success(currentRegister(at: offset, window: window))
    }

    override package func currentRegister(at offset: UInt32, window: Int) -> UInt32 {
        if let identity = Self.identity.register(at: offset) { return identity }
        switch offset {
        case 0x000: return Self.comparatorCountField.inserting(UInt32(Self.comparatorCount), into: registers[0] ?? 0)
        case 0xFBC: return Self.architecture
        default: return isComparator(offset) ? registers[offset] ?? 0 : 0
        }
    }

    override package func writeRegister(_ value: UInt32, at offset: UInt32, window: Int) -> Result<Void, BusFault> {
        if offset == 0 || isComparator(offset) { registers[offset] = value }
        return .success(())
    }

    /// DWT_COMPn at 0x020 + 16n, DWT_FUNCTIONn at 0x028 + 16n.
    private func isComparator(_ offset: UInt32) -> Bool {
        guard offset >= 0x020, offset < 0x020 + 16 * UInt32(Self.comparatorCount) else { return false }
        return (offset - 0x020) % 16 == 0 || (offset - 0x020) % 16 == 8
    }

    override package func regionName(window: Int) -> String { "DWT" }
}
