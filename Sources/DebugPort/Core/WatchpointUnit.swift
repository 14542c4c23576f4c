import FlashCore

/// The DWT at 0xE0001000 (Armv8-M): four comparators. A data-address comparator whose FUNCTION
/// asks for a debug event halts the core after the instruction whose access it matched
/// (DFSR.DWTTRAP), while DEMCR.TRCENA enables the DWT; FUNCTION.MATCHED then reads 1 once.
/// OpenOCD programs COMP with the address and FUNCTION with MATCH, ACTION = 1 and DATAVSIZE.
package final class WatchpointUnit: RegisterBlockTarget {
    package static let base: UInt32 = 0xE000_1000
    package static let size: UInt32 = 0x1000
    package static let comparatorCount = 4
    /// DEVARCH of an Armv8-M DWT (debug-port.md §5: OpenOCD reads it at 0xFBC).
    static let architecture: UInt32 = 0x4770_1A02
    static let identity = CoreSightIdentity(
        partNumber: 0xD21, designer: CoreSightIdentity.armDesigner, revision: 0, componentClass: 0x9)

    package static let comparatorCountField = FieldSpec("NUMCOMP", bit: 28, width: 4, .readOnly)

    /// DWT_FUNCTIONn's fields (Armv8-M).
    package enum FunctionField {
        package static let match = FieldSpec("MATCH", bit: 0, width: 4)
        package static let action = FieldSpec("ACTION", bit: 4, width: 2)
        package static let dataSize = FieldSpec("DATAVSIZE", bit: 10, width: 2)
        /// Set by a match, cleared by reading FUNCTION.
        package static let matched = FieldSpec("MATCHED", bit: 24, .readOnly)

        package static let writable = match.mask | action.mask | dataSize.mask
        /// ACTION: generate a debug event (halt, with C_DEBUGEN).
        package static let debugEvent: UInt32 = 0b01
        /// MATCH values for data addresses.
        package static let accessMatch: UInt32 = 0b0100
        package static let writeMatch: UInt32 = 0b0101
        package static let readMatch: UInt32 = 0b0110
    }

    /// DWT_COMPn at 0x020 + 16n, DWT_FUNCTIONn at 0x028 + 16n.
    package static func comparatorOffset(_ index: Int) -> UInt32 { 0x020 + 16 * UInt32(index) }
    package static func functionOffset(_ index: Int) -> UInt32 { 0x028 + 16 * UInt32(index) }

    private let core: CortexM33
    private var control: UInt32 = 0
    private var comparators = [UInt32](repeating: 0, count: comparatorCount)
    private var functions = [UInt32](repeating: 0, count: comparatorCount)

    package init(core: CortexM33) { self.core = core }

    override package func readRegister(at offset: UInt32, window: Int) -> Result<UInt32, BusFault> {
        let value = currentRegister(at: offset, window: window)
        if let index = (0..<Self.comparatorCount).first(where: { Self.functionOffset($0) == offset }) {
            core.watchMatches.remove(index)
        }
        return .success(value)
    }

    override package func currentRegister(at offset: UInt32, window: Int) -> UInt32 {
        if let identity = Self.identity.register(at: offset) { return identity }
        if offset == 0 { return Self.comparatorCountField.inserting(UInt32(Self.comparatorCount), into: control) }
        if offset == 0xFBC { return Self.architecture }
        for index in 0..<Self.comparatorCount {
            if offset == Self.comparatorOffset(index) { return comparators[index] }
            if offset == Self.functionOffset(index) {
                let matched: UInt32 = core.watchMatches.contains(index) ? 1 : 0
                return FunctionField.matched.inserting(matched, into: functions[index])
            }
        }
        return 0
    }

    override package func writeRegister(_ value: UInt32, at offset: UInt32, window: Int) -> Result<Void, BusFault> {
        if offset == 0 { control = value & ~Self.comparatorCountField.mask }
        for index in 0..<Self.comparatorCount {
            if offset == Self.comparatorOffset(index) { comparators[index] = value }
            if offset == Self.functionOffset(index) { functions[index] = value & FunctionField.writable }
        }
        core.watchpoints = activeWatches
        return .success(())
    }

    /// The comparators that halt the core on a data access. A COMP not aligned to DATAVSIZE is
    /// UNPREDICTABLE on silicon; the model then matches nothing for it.
    private var activeWatches: [DataWatch] {
        (0..<Self.comparatorCount).compactMap { index in
            typealias F = FunctionField
            let function = functions[index]
            guard F.action.value(in: function) == F.debugEvent else { return nil }
            let access: DataWatch.Access
            switch F.match.value(in: function) {
            case F.accessMatch: access = .access
            case F.writeMatch: access = .write
            case F.readMatch: access = .read
            default: return nil
            }
            // DATAVSIZE 0b11 is reserved.
            guard F.dataSize.value(in: function) <= 2 else { return nil }
            let size: UInt32 = 1 << F.dataSize.value(in: function)
            guard comparators[index] % size == 0 else { return nil }
            return DataWatch(comparator: index, address: comparators[index], size: size, access: access)
        }
    }

    override package func regionName(window: Int) -> String { "DWT" }
}
