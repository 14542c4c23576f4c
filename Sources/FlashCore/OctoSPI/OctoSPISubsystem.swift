/// The OCTOSPI part of the chip: OCTOSPI1 and the MX25LM51245G behind it, ready to map into a bus.
///
///     let ospi = OctoSPISubsystem(clock: clock, trace: trace, assumptions: state.assumptions.ospi)
///     ospi.map(into: bus)
package final class OctoSPISubsystem {
    package let flash: MX25LM51245G
    package let controller: OctoSPIController

    /// A factory-fresh flash behind a controller at reset values.
    package init(
        clock: VirtualClock, trace: TraceRecorder, assumptions: NORAssumptions = .defaults,
        sfdp: [UInt8]? = nil
    ) {
        flash = MX25LM51245G(clock: clock, assumptions: assumptions, sfdp: sfdp)
        controller = OctoSPIController(flash: flash, clock: clock, trace: trace, assumptions: assumptions)
    }

    /// A flash restored from a device file.
    package init(
        clock: VirtualClock, trace: TraceRecorder, assumptions: NORAssumptions = .defaults,
        restoring state: NORPersistentState, sfdp: [UInt8]? = nil
    ) throws(NORStateError) {
        flash = try MX25LM51245G(clock: clock, assumptions: assumptions, restoring: state, sfdp: sfdp)
        controller = OctoSPIController(flash: flash, clock: clock, trace: trace, assumptions: assumptions)
    }

    /// Registers at 0x4402_1000 and 0x5402_1000, the memory-mapped window at 0x9000_0000.
    package func map(into bus: Bus) {
        bus.map(
            BusWindow(
                base: OctoSPIRegisters.base, size: OctoSPIRegisters.windowSize,
                tag: OctoSPIController.Window.registers), to: controller)
        bus.map(
            BusWindow(
                base: OctoSPIRegisters.secureBase, size: OctoSPIRegisters.windowSize,
                tag: OctoSPIController.Window.secureRegisters), to: controller)
        bus.map(
            BusWindow(
                base: OctoSPIRegisters.memoryBase, size: OctoSPIRegisters.memoryWindowSize,
                tag: OctoSPIController.Window.memory), to: controller)
    }

    /// Changes the model assumptions of both parts.
    package func setAssumptions(_ new: NORAssumptions) {
        flash.setAssumptions(new)
        controller.setAssumptions(new)
    }

    /// Power off and on: the flash returns to its power-on protocol, the controller to reset values.
    package func powerCycle() {
        flash.powerCycle()
        controller.reset()
    }

    /// What a device file keeps.
    package var persistentState: NORPersistentState { flash.persistentState }
}
