/// The simulated chip: a bus with the flash controller, the flash array, the system memory (OTP,
/// UID, package, flash size), DBGMCU and, on parts with one, OCTOSPI1 and its NOR flash.
package final class Machine {
    package static let flashSizeRegisterAddress = SystemInfoRegister.flashSize.address
    package static let flashControllerBase = FlashRegisters.base
    package static let flashControllerSecureBase = FlashRegisters.secureBase

    /// Whether an address is a flash-controller register, through either alias.
    package static func isFlashControllerAddress(_ address: UInt32) -> Bool {
        (address &- FlashRegisters.base) < FlashRegisters.windowSize
            || (address &- FlashRegisters.secureBase) < FlashRegisters.windowSize
    }
    /// KEY1 and KEY2 of NSKEYR and SECKEYR.
    package static let flashKeys = FlashRegisters.Keys.flash

    package let part: Part
    package let clock: VirtualClock
    package let trace: TraceRecorder
    package let bus: Bus
    package let controller: FlashController
    /// The unique device ID at 0x0BFA_0590 (read-only; kept by the device file).
    package let uid: DeviceUID
    /// OCTOSPI1 and the NOR flash, on parts that carry one.
    package let ospi: OctoSPISubsystem?

    package init(state: DeviceState, tracing: Bool = true, traceLimit: Int = 200_000) {
        part = state.part
        uid = state.uid
        clock = VirtualClock()
        trace = TraceRecorder(enabled: tracing, limit: traceLimit)
        bus = Bus(clock: clock, trace: trace)
        controller = FlashController(
            part: state.part, assumptions: state.assumptions, effective: state.effective, pending: state.pending,
            array: FlashArray(bytes: state.flash), clock: clock, trace: trace)
        let registers = FlashRegisterPort(controller, on: bus)
        let memory = FlashArrayPort(controller, on: bus)
        bus.map(BusWindow(base: FlashLayout.nonSecureBase, size: 0x0100_0000, tag: 0), to: memory)
        bus.map(BusWindow(base: FlashLayout.secureBase, size: 0x0100_0000, tag: 1), to: memory)
        bus.map(BusWindow(base: FlashRegisters.base, size: FlashRegisters.windowSize, tag: 0), to: registers)
        bus.map(BusWindow(base: FlashRegisters.secureBase, size: FlashRegisters.windowSize, tag: 1), to: registers)
        controller.otp = OTPMemory(bytes: state.otp)
        if part.hasOctoSPIFlash {
            let restored = try? OctoSPISubsystem(
                clock: clock, trace: trace, assumptions: state.assumptions.ospi,
                restoring: state.ospi ?? NORPersistentState())
            ospi = restored ?? OctoSPISubsystem(clock: clock, trace: trace, assumptions: state.assumptions.ospi)
            ospi?.map(into: bus)
        } else {
            ospi = nil
        }
        controller.onSystemReset = { [unowned self] cause in self.systemReset(cause) }
        updateDebugPort()
        mapSystemAreas(uid: state.uid)
    }

    /// The state to keep, as it is now.
    package var state: DeviceState {
        DeviceState(
            part: part, assumptions: controller.assumptions, effective: controller.effective,
            pending: controller.pending, flash: controller.array.bytes, ospi: ospi?.persistentState,
            otp: controller.otp.bytes, uid: uid)
    }

    /// What changed since the machine was built.
    package var changes: DeviceChanges {
        DeviceChanges(
            flashChunks: controller.array.dirtyChunks, ospiSectors: ospi?.flash.changedSectorOffsets ?? [],
            otp: controller.otp.isDirty)
    }

    /// Starts a new count of changes, once what changed has been saved (a long-lived machine, as `serve` keeps).
    package func clearChanges() {
        controller.array.clearDirty()
        controller.otp.clearDirty()
        ospi?.flash.clearChanges()
    }

    /// Changes the model assumptions of every part of the chip.
    package func setAssumptions(_ assumptions: ModelAssumptions) {
        controller.setAssumptions(assumptions)
        ospi?.setAssumptions(assumptions.ospi)
    }

    package var layout: FlashLayout { controller.layout }

    /// A copy with the same state and a fresh trace, for what-if planning.
    package func scratchCopy(tracing: Bool = true) -> Machine {
        Machine(state: state, tracing: tracing, traceLimit: trace.limit)
    }

    /// Names the register (or memory region) an address belongs to, for the trace.
    package func describe(_ address: UInt32) -> (region: String, register: RegisterSpec?) {
        bus.describe(address)
    }
}
