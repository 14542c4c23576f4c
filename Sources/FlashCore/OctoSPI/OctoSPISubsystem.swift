/// The OCTOSPI part of the chip: OCTOSPI1 and the MX25LM51245G behind it, ready to map into a bus.
///
///     let ospi = OctoSPISubsystem(clock: clock, trace: trace, assumptions: state.assumptions.ospi)
///     ospi.map(into: bus)
public final class OctoSPISubsystem {
    public let flash: MX25LM51245G
    public let controller: OctoSPIController

    public init(clock: VirtualClock, trace: TraceRecorder, assumptions: NORAssumptions = .defaults,
                state: NORPersistentState = .init(), sfdp: [UInt8]? = nil) {
        flash = MX25LM51245G(clock: clock, assumptions: assumptions, state: state, sfdp: sfdp)
        controller = OctoSPIController(flash: flash, clock: clock, trace: trace, assumptions: assumptions)
    }

    /// Registers at 0x4402_1000 and 0x5402_1000, the memory-mapped window at 0x9000_0000.
    public func map(into bus: Bus) {
        bus.map(BusWindow(base: OctoSPIRegisters.base, size: OctoSPIRegisters.windowSize,
                          tag: OctoSPIController.Window.registers), to: controller)
        bus.map(BusWindow(base: OctoSPIRegisters.secureBase, size: OctoSPIRegisters.windowSize,
                          tag: OctoSPIController.Window.secureRegisters), to: controller)
        bus.map(BusWindow(base: OctoSPIRegisters.memoryBase, size: OctoSPIRegisters.memoryWindowSize,
                          tag: OctoSPIController.Window.memory), to: controller)
    }

    /// What a device file keeps.
    public var persistentState: NORPersistentState { flash.persistentState }
}
