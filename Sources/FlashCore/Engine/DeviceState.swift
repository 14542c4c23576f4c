/// Everything that survives between commands: what the device file keeps.
package struct DeviceState: Equatable, Sendable {
    package var part: Part
    package var assumptions: ModelAssumptions
    package var effective: OptionBytes
    package var pending: OptionBytes
    /// The physical embedded flash, bank 1 first.
    package var flash: [UInt8]
    /// The OCTOSPI NOR flash (non-erased sectors and non-volatile registers), on parts that carry one.
    package var ospi: NORPersistentState?
    /// The 512-byte OTP area at 0x0BFA_0000.
    package var otp: [UInt8]
    /// The unique device ID at 0x0BFA_0590.
    package var uid: DeviceUID

    package init(
        part: Part, assumptions: ModelAssumptions = .defaults, effective: OptionBytes = .factory,
        pending: OptionBytes? = nil, flash: [UInt8]? = nil, ospi: NORPersistentState? = nil,
        otp: [UInt8]? = nil, uid: DeviceUID? = nil
    ) {
        self.part = part
        self.assumptions = assumptions
        self.effective = effective
        self.pending = pending ?? effective
        self.flash = flash ?? [UInt8](repeating: 0xFF, count: Int(part.flashSize))
        self.ospi = ospi ?? (part.hasOctoSPIFlash ? NORPersistentState() : nil)
        self.otp = otp ?? [UInt8](repeating: 0xFF, count: Int(SystemArea.otpSize))
        self.uid = uid ?? .fallback(part)
    }

    /// A device as it leaves the factory.
    package static func factoryFresh(_ part: Part) -> DeviceState { DeviceState(part: part) }
}

/// What changed since a machine was built: the device file writes only these.
package struct DeviceChanges: Equatable, Sendable {
    /// Indices of 2 KB chunks of the embedded flash; nil means all of them.
    package var flashChunks: Set<Int>?
    /// Offsets of 4 KiB OCTOSPI sectors; nil means all of them.
    package var ospiSectors: Set<UInt32>?
    /// Whether the OTP area changed.
    package var otp: Bool

    package init(flashChunks: Set<Int>?, ospiSectors: Set<UInt32>?, otp: Bool = false) {
        self.flashChunks = flashChunks
        self.ospiSectors = ospiSectors
        self.otp = otp
    }

    /// Everything, for a state that did not come from a machine (an import, a snapshot restore).
    package static let everything = DeviceChanges(flashChunks: nil, ospiSectors: nil, otp: true)
    /// Nothing in the flash arrays (settings only).
    package static let settingsOnly = DeviceChanges(flashChunks: [], ospiSectors: [])
}
