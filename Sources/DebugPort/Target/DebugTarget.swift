import FlashCore

/// The simulated STM32L5 as a debug probe sees it: the JTAG chain (boundary scan, then the
/// Cortex-M33's JTAG-DP next to TDO), the AHB access port onto the machine's bus, SRAM, the
/// core's debug registers, FPB, DWT and ROM table, and the clock stand-ins `reset-init` waits on.
package final class DebugTarget {
    package let machine: Machine
    package let sram: SRAM
    package let core: CortexM33
    package let debugPort: JTAGDebugPort
    package let accessPort: MemoryAccessPort
    package let chain: ScanChain
    /// Log lines for the server's standard error.
    package var log: (String) -> Void = { _ in } {
        didSet {
            core.log = log
            debugPort.log = log
        }
    }
    private var srstAsserted = false
    private var lastTCK = false
    private var trstAsserted = false

    /// `sram` is shared with the executor, which maps the same bytes for the core.
    package init(machine: Machine, sram: SRAM = SRAM(), executor: (any CoreExecutor)?, boundaryScanIDCODE: UInt32?) {
        self.machine = machine
        self.sram = sram
        let bus = machine.bus
        sram.map(into: bus)
        core = CortexM33(
            executor: executor, bootAddress: { Self.bootAddress(machine) }, readWord: { bus.read($0) })
        let memory = BusMemory(machine: machine)
        accessPort = MemoryAccessPort(memory: memory)
        debugPort = JTAGDebugPort(accessPorts: [0: accessPort])
        // OpenOCD declares the CPU TAP first: the first TAP is the one next to TDO.
        chain = ScanChain(taps: [BoundaryScanTap(idcode: boundaryScanIDCODE), debugPort])
        let tz = { machine.controller.effective.trustZone }
        core.stackPointersAreSecure = {
            machine.controller.assumptions.debug.stackPointersAreSecure(
                trustZone: machine.controller.effective.trustZone)
        }
        let scs = SystemControlSpace(
            core: core, secureDebug: tz, securityExtension: tz, requestSystemReset: { [unowned self] in systemReset() })
        bus.map(BusWindow(base: SystemControlRegister.base, size: SystemControlSpace.size), to: scs)
        bus.map(BusWindow(base: BreakpointUnit.base, size: BreakpointUnit.size), to: BreakpointUnit(core: core))
        bus.map(BusWindow(base: WatchpointUnit.base, size: WatchpointUnit.size), to: WatchpointUnit(core: core))
        bus.map(BusWindow(base: ROMTable.base, size: ROMTable.size), to: ROMTable())
        BoardPeripheralStub.install(on: bus)
        resetsSeen = machine.resetCount
        // Power-on: the core leaves reset and runs.
        core.reset()
    }

    /// The address the core fetches its vector table from, as the option bytes in force select it.
    static func bootAddress(_ machine: Machine) -> UInt32 { machine.bootSelection.address }

    /// System resets the core has followed.
    private var resetsSeen = 0

    /// An OBL_LAUNCH written through the access port resets the chip under the debugger: the
    /// core restarts from the reloaded boot address (OpenOCD then sees S_RESET_ST and recovers).
    package func followSystemResets() {
        guard machine.resetCount != resetsSeen else { return }
        resetsSeen = machine.resetCount
        core.reset()
        log("system reset by \(machine.lastReset?.cause.rawValue ?? "the reset line")")
    }

    /// SYSRESETREQ, SRST released: the peripherals and the core return to their reset state; SRAM keeps its contents.
    package func systemReset() {
        machine.controller.reset()
        machine.ospi?.controller.reset()
        core.reset()
        log("system reset")
    }
}

extension DebugTarget: RemoteBitbang.Pins {
    /// Virtual time per TCK cycle: a 1 MHz JTAG clock (stm32l5x.cfg asks 500 kHz after reset
    /// and 4 MHz after reset-init; remote_bitbang cannot set a speed). The chip's own clock
    /// follows the wire, so a flash erase a client polls for takes as many cycles as on a board.
    package static let nanosecondsPerClock: UInt64 = 1_000

    package func drive(tck: Bool, tms: Bool, tdi: Bool) {
        guard !trstAsserted else { return }
        if tck && !lastTCK { machine.clock.advance(by: Self.nanosecondsPerClock) }
        lastTCK = tck
        chain.drive(tck: tck, tms: tms, tdi: tdi)
    }

    package var tdo: Bool { chain.tdo }

    package func reset(trst: Bool, srst: Bool) {
        if trst { chain.testLogicReset() }
        trstAsserted = trst
        if srst, !srstAsserted { core.holdInReset() }
        if !srst, srstAsserted { systemReset() }
        srstAsserted = srst
    }
}
