import FlashCore

/// The FPB at 0xE0002000 (FPBv2, as on the M33): eight instruction comparators, no literal
/// ones. Enabled comparators become the core's breakpoint addresses.
package final class BreakpointUnit: RegisterBlockTarget {
    package static let base: UInt32 = 0xE000_2000
    package static let size: UInt32 = 0x1000
    package static let comparatorCount = 8
    static let identity = CoreSightIdentity(
        partNumber: 0xD21, designer: CoreSightIdentity.armDesigner, revision: 0, componentClass: 0x9)

    package enum ControlField {
        package static let enable = FieldSpec("ENABLE", bit: 0)
        package static let key = FieldSpec("KEY", bit: 1)
        package static let codeCountLow = FieldSpec("NUM_CODE[3:0]", bit: 4, width: 4, .readOnly)
        package static let literalCount = FieldSpec("NUM_LIT", bit: 8, width: 4, .readOnly)
        package static let codeCountHigh = FieldSpec("NUM_CODE[6:4]", bit: 12, width: 3, .readOnly)
        package static let revision = FieldSpec("REV", bit: 28, width: 4, .readOnly)
    }

    package enum ComparatorField {
        package static let enable = FieldSpec("BE", bit: 0)
        package static let address = FieldSpec("BPADDR", bit: 1, width: 31)
    }

    private let core: CortexM33
    private var enabled = false
    private var comparators = [UInt32](repeating: 0, count: comparatorCount)

    package init(core: CortexM33) { self.core = core }

    private static let comparatorBase: UInt32 = 0x008

    override package func readRegister(at offset: UInt32, window: Int) -> Result<UInt32, BusFault> {
        .success(currentRegister(at: offset, window: window))
    }

    override package func currentRegister(at offset: UInt32, window: Int) -> UInt32 {
        if let identity = Self.identity.register(at: offset) { return identity }
        if offset == 0 {
            typealias F = ControlField
            var value = F.codeCountLow.inserting(UInt32(Self.comparatorCount), into: 0)
            value = F.revision.inserting(1, into: value)  // FPBv2
            return F.enable.inserting(enabled ? 1 : 0, into: value)
        }
        return comparatorIndex(offset).map { comparators[$0] } ?? 0
    }

    override package func writeRegister(_ value: UInt32, at offset: UInt32, window: Int) -> Result<Void, BusFault> {
        if offset == 0 {
            // Writes to FP_CTRL take effect only with KEY set.
            if ControlField.key.value(in: value) != 0 { enabled = ControlField.enable.value(in: value) != 0 }
        } else if let index = comparatorIndex(offset) {
            comparators[index] = value
        }
        core.breakpoints = activeAddresses
        return .success(())
    }

    private func comparatorIndex(_ offset: UInt32) -> Int? {
        guard offset >= Self.comparatorBase else { return nil }
        let index = Int((offset - Self.comparatorBase) / 4)
        return index < Self.comparatorCount ? index : nil
    }

    private var activeAddresses: Set<UInt32> {
        guard enabled else { return [] }
        return Set(
            comparators.filter { ComparatorField.enable.value(in: $0) != 0 }.map {
                ComparatorField.address.value(in: $0) << 1
            })
    }

    override package func regionName(window: Int) -> String { "FPB" }
}
