/// The two flash memories FlashScope models, told apart by address.
package enum FlashRegion: String, Sendable, Equatable {
    /// The embedded flash at 0x0800_0000 (and its secure alias 0x0C00_0000).
    case flash
    /// The MX25LM51245G behind OCTOSPI1, memory-mapped at 0x9000_0000.
    case ospi
    /// The system memory at 0x0BFA_0000 (OTP, package, UID, flash size) and DBGMCU at 0xE004_4000.
    case system

    package static let ospiBase: UInt32 = 0x9000_0000
    package static let ospiWindowEnd: UInt64 = 0xA000_0000

    /// The region whose address window holds an address, or nil.
    package static func of(_ address: UInt32) -> FlashRegion? {
        if FlashLayout.isFlashWindow(address) { return .flash }
        if SystemArea.contains(address) { return .system }
        if UInt64(address) >= UInt64(ospiBase) && UInt64(address) < ospiWindowEnd { return .ospi }
        return nil
    }
}
