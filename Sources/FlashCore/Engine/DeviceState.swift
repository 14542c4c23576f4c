/// Everything that survives between commands: what the device file keeps.
public struct DeviceState: Equatable, Sendable {
    public var part: Part
    public var assumptions: ModelAssumptions
    public var effective: OptionBytes
    public var pending: OptionBytes
    /// The physical embedded flash, bank 1 first.
    public var flash: [UInt8]

    public init(part: Part, assumptions: ModelAssumptions = .defaults, effective: OptionBytes = .factory,
                pending: OptionBytes? = nil, flash: [UInt8]? = nil) {
        self.part = part
        self.assumptions = assumptions
        self.effective = effective
        self.pending = pending ?? effective
        self.flash = flash ?? [UInt8](repeating: 0xFF, count: Int(part.flashSize))
    }

    /// A device as it leaves the factory.
    public static func factoryFresh(_ part: Part) -> DeviceState { DeviceState(part: part) }
}
