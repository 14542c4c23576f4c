import FlashCore

/// The ROM table at 0xE00FF000 (the MEM-AP's BASE): one entry per component the debugger
/// can find (SCS, DWT, FPB), then the end marker, and the table's own identity (ST's part 0x472).
package final class ROMTable: RegisterBlockTarget {
    package static let base: UInt32 = 0xE00F_F000
    package static let size: UInt32 = 0x1000
    static let identity = CoreSightIdentity(
        partNumber: 0x472, designer: CoreSightIdentity.stDesigner, revision: 0, componentClass: 0x1)
    static let components: [UInt32] = [SystemControlRegister.base, WatchpointUnit.base, BreakpointUnit.base]

    package override init() {}

    /// An entry: the component's offset from the table, 32-bit format (bit 1), present (bit 0).
    static func entry(for component: UInt32) -> UInt32 { (component &- base) | 0b11 }

    override package func readRegister(at offset: UInt32, window: Int) -> Result<UInt32, BusFault> {
        .success(currentRegister(at: offset, window: window))
    }

    override package func currentRegister(at offset: UInt32, window: Int) -> UInt32 {
        if let identity = Self.identity.register(at: offset) { return identity }
        if offset == 0xFCC { return 1 }  // MEMTYPE: system memory is present on the bus.
        let index = Int(offset / 4)
        return index < Self.components.count ? Self.entry(for: Self.components[index]) : 0
    }

    override package func writeRegister(_ value: UInt32, at offset: UInt32, window: Int) -> Result<Void, BusFault> {
        .success(())
    }

    override package func regionName(window: Int) -> String { "ROM table" }
}
