/// The simulated chip: a bus with the flash controller, the flash array and the flash size register.
public final class Machine {
    public static let flashSizeRegisterAddress = FlashSizeRegister.address
    public static let flashControllerBase = FlashRegisters.base
    public static let flashControllerSecureBase = FlashRegisters.secureBase

    public let part: Part
    public let clock: VirtualClock
    public let trace: TraceRecorder
    public let bus: Bus
    public let controller: FlashController
    /// OCTOSPI1 and the NOR flash, on parts that carry one.
    public let ospi: OctoSPISubsystem?

    public init(state: DeviceState, tracing: Bool = true, traceLimit: Int = 200_000) {
        part = state.part
        clock = VirtualClock()
        trace = TraceRecorder(enabled: tracing, limit: traceLimit)
        bus = Bus(clock: clock, trace: trace)
        controller = FlashController(
            part: state.part, assumptions: state.assumptions, effective: state.effective, pending: state.pending,
            array: FlashArray(bytes: state.flash), clock: clock, trace: trace)
        let registers = FlashRegisterPort(controller)
        let memory = FlashArrayPort(controller)
        bus.map(BusWindow(base: FlashLayout.nonSecureBase, size: 0x0100_0000, tag: 0), to: memory)
        bus.map(BusWindow(base: FlashLayout.secureBase, size: 0x0100_0000, tag: 1), to: memory)
        bus.map(
            BusWindow(base: FlashSizeRegister.address, size: 4), to: FlashSizeRegister(kilobytes: part.flashSizeKiB))
        bus.map(BusWindow(base: FlashRegisters.base, size: FlashRegisters.windowSize, tag: 0), to: registers)
        bus.map(BusWindow(base: FlashRegisters.secureBase, size: FlashRegisters.windowSize, tag: 1), to: registers)
        if part.hasOctoSPIFlash {
            let restored = try? OctoSPISubsystem(
                clock: clock, trace: trace, assumptions: state.assumptions.ospi,
                restoring: state.ospi ?? NORPersistentState())
            ospi = restored ?? OctoSPISubsystem(clock: clock, trace: trace, assumptions: state.assumptions.ospi)
            ospi?.map(into: bus)
        } else {
            ospi = nil
        }
    }

    /// The state to keep, as it is now.
    public var state: DeviceState {
        DeviceState(
            part: part, assumptions: controller.assumptions, effective: controller.effective,
            pending: controller.pending, flash: controller.array.bytes, ospi: ospi?.persistentState)
    }

    /// What changed since the machine was built.
    public var changes: DeviceChanges {
        DeviceChanges(flashChunks: controller.array.dirtyChunks, ospiSectors: ospi?.flash.changedSectorOffsets ?? [])
    }

    /// Changes the model assumptions of every part of the chip.
    public func setAssumptions(_ assumptions: ModelAssumptions) {
        controller.setAssumptions(assumptions)
        ospi?.setAssumptions(assumptions.ospi)
    }

    public var layout: FlashLayout { controller.layout }

    /// A copy with the same state and a fresh trace, for what-if planning.
    public func scratchCopy(tracing: Bool = true) -> Machine {
        Machine(state: state, tracing: tracing, traceLimit: trace.limit)
    }

    /// Names the register (or memory region) an address belongs to, for the trace.
    public func describe(_ address: UInt32) -> (region: String, register: RegisterSpec?) {
        bus.describe(address)
    }
}
