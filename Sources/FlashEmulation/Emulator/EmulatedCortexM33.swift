import CUnicornShim
import DebugPort
import FlashCore

/// The served chip's Cortex-M33 running code (`serve`): what the debugger loads and resumes,
/// a user's program from reset, OpenOCD's RAM flash loader.
///
/// SRAM is the debug target's own memory, mapped in place, so the access port and the core
/// see the same bytes. Unicorn cannot fetch instructions from MMIO, so the flash is mirrored
/// into host memory the core fetches from; the mirror is refreshed whenever the model's flash
/// changes (a program, an erase, a bank swap), and the code's data accesses to the flash still
/// reach the bus (the trace, readout protection, programming). Everything else is the bus:
/// the flash controller, OCTOSPI, the system areas, the core's own debug registers.
package final class EmulatedCortexM33: CoreExecutor {
    private typealias Registers = CoreRegisters
    private typealias Selector = CoreRegisters.Selector

    /// Never a Thumb PC (odd), so Unicorn's own stop address is never reached.
    private static let noStopAddress: UInt32 = 0xFFFF_FFFF
    /// BKPT: QEMU's EXCP_BKPT.
    private static let breakpointException: UInt32 = 7
    /// WFI and WFE (Thumb), after which Unicorn returns with the PC past them.
    private static let waitInstructions: Set<UInt16> = [0xBF30, 0xBF20]

    package var cpuModel: String { core.cpuModel }
    package var totalInstructions: UInt64 { core.totalInstructions }

    private let core: UnicornCore
    private let machine: Machine
    private let sram: SRAM
    private static let sramBases = [SRAM.base, SRAM.secureBase]
    private static let flashWindows = [FlashLayout.nonSecureBase, FlashLayout.secureBase]
    /// The flash in address order, as the core fetches it.
    private let flashMirror: UnsafeMutableRawBufferPointer
    private var mirroredGeneration: Int?
    private var mirroredLayout: FlashLayout?
    private var stopRequested = false
    /// The DWT comparators whose memory hooks are installed (none: no hooks, no cost).
    private var installedWatches: [DataWatch] = []

    /// `sram` is the target's SRAM, mapped in place at both its addresses.
    package init(machine: Machine, sram: SRAM) throws(EmulatorSetupError) {
        self.machine = machine
        self.sram = sram
        core = try UnicornCore()
        let flashSize = Int(machine.part.flashSize)
        flashMirror = .allocate(byteCount: flashSize, alignment: 4096)
        flashMirror.initializeMemory(as: UInt8.self, repeating: 0xFF)
        do {
            for base in Self.sramBases { try core.mapShared(sram.bytes, at: base) }
            for window in Self.flashWindows {
                try core.mapShared(flashMirror, at: window)
                let end = UInt64(window) + UInt64(flashSize)
                try core.check(
                    fs_install_memory_hook(core.engine, core.state, UInt64(window), end - 1), "hooking the flash")
                // The rest of the flash window: system memory, OTP, UID, the flash size register.
                try core.mapDevices(end, Int(UInt64(window) + UInt64(UnicornCore.flashAliasSpan) - end))
            }
            for range in Self.deviceRanges { try core.mapDevices(range.base, range.size) }
        } catch {
            flashMirror.deallocate()
            throw error
        }
        core.state.pointee.memory_context = Unmanaged.passUnretained(self).toOpaque()
        core.state.pointee.memory_access = { context, write, address, size, value in
            guard let context else { return }
            let this = Unmanaged<EmulatedCortexM33>.fromOpaque(context).takeUnretainedValue()
            this.core.mirroredAccess(
                write: write != 0, address: UInt32(truncatingIfNeeded: address), size: Int(size), value: value)
        }
        core.afterDeviceAccess = { [unowned self] in
            if mirrorIsStale { core.requestResync() }
        }
    }

    deinit { flashMirror.deallocate() }

    /// The peripherals and OCTOSPI, and the private peripheral bus (SCS, FPB, DWT, DBGMCU, ROM
    /// table) the debug target maps: all on the bus.
    static let deviceRanges = UnicornCore.peripheralRanges + [(base: UInt64(0xE000_0000), size: 0x0010_0000)]

    // MARK: The flash mirror

    private var mirrorIsStale: Bool {
        mirroredGeneration != machine.controller.array.generation || mirroredLayout != machine.layout
    }

    private func refreshMirror() {
        guard mirrorIsStale else { return }
        if let mirroredGeneration, mirroredLayout == machine.layout {
            // Same layout: only the pages written since (a loader programs a double word at a time).
            let changed = machine.controller.copyFlashInAddressOrder(
                into: flashMirror, changedAfter: mirroredGeneration)
            self.mirroredGeneration = machine.controller.array.generation
            for range in changed {
                for window in Self.flashWindows {
                    forgetCode(window + UInt32(range.lowerBound)..<window + UInt32(range.upperBound))
                }
            }
            return
        }
        flashMirror.initializeMemory(as: UInt8.self, repeating: 0xFF)
        machine.controller.copyFlashInAddressOrder(into: flashMirror)
        mirroredGeneration = machine.controller.array.generation
        mirroredLayout = machine.layout
        for window in Self.flashWindows { forgetCode(window..<window + UInt32(flashMirror.count)) }
    }

    /// Code Unicorn translated from memory that changed behind its back is stale.
    private func forgetCode(_ range: Range<UInt32>) {
        _ = fs_uc_remove_cache(core.engine, UInt64(range.lowerBound), UInt64(range.upperBound))
    }

    private func forgetRewrittenSRAM() {
        guard let written = sram.takeWrittenRange() else { return }
        for base in Self.sramBases { forgetCode(base + written.lowerBound..<base + written.upperBound) }
    }

    // MARK: CoreExecutor

    package func requestStop() {
        stopRequested = true
        core.stop(Int32(FS_STOP_HOST))
    }

    package func run(_ registers: inout CoreRegisters, limit: CoreRunLimit) -> CoreStop {
        load(registers)
        stopRequested = false
        let breakpoints = limit.breakpoints.sorted().prefix(Int(FS_MAX_BREAKPOINTS))
        withUnsafeMutableBytes(of: &core.state.pointee.breakpoints) { slots in
            for (index, address) in breakpoints.enumerated() {
                slots.storeBytes(of: address, toByteOffset: index * 4, as: UInt32.self)
            }
        }
        core.state.pointee.breakpoint_count = Int32(breakpoints.count)
        var remaining = limit.singleStep ? 1 : limit.instructions
        var pc = registers.programCounter
        var stop = CoreStop.sliceUsed
        install(limit.watchpoints)
        core.state.pointee.watch_hit = 0
        forgetRewrittenSRAM()
        while true {
            refreshMirror()
            let (end, executed) = core.run(
                on: machine.bus, from: pc, until: Self.noStopAddress, budget: remaining,
                count: limit.singleStep ? 1 : 0)
            remaining -= min(executed, remaining)
            pc = core.register(Int32(FS_UC_ARM_REG_PC))
            if end == .resync, remaining > 0, !stopRequested { continue }
            stop = meaning(of: end, executed: executed, pc: pc, limit: limit)
            break
        }
        store(into: &registers, pc: pc)
        return stop
    }

    private func meaning(of end: UnicornCore.RunEnd, executed: UInt64, pc: UInt32, limit: CoreRunLimit) -> CoreStop {
        if case .fault = end {
        } else if let hit = watchHit {
            return .watchpoint(hit)
        }
        switch end {
        case .breakpoint: return .breakpoint
        case .budgetUsed, .resync: return limit.singleStep ? .stepped : .sliceUsed
        case .fault(let fault):
            switch fault.kind {
            case .exception(Self.breakpointException): return .breakpointInstruction
            case .systemReset: return .systemReset
            default: return .fault(fault.description)
            }
        case .returned:
            if stopRequested { return .sliceUsed }
            if let previous = core.readMemory(pc &- 2, count: 2),
                Self.waitInstructions.contains(UInt16(previous[0]) | UInt16(previous[1]) << 8)
            {
                return .sleeping
            }
            return limit.singleStep ? .stepped : .sliceUsed
        }
    }

    // MARK: Watchpoints

    /// Hooks over exactly the watched bytes, installed when the comparators change: SRAM is
    /// mapped in place without hooks, so a watch there needs its own, and only while it is enabled.
    private func install(_ watches: [DataWatch]) {
        guard watches != installedWatches else { return }
        fs_clear_watches(core.engine, core.state)
        installedWatches = []
        for watch in watches.prefix(Int(FS_MAX_WATCHPOINTS)) {
            var kinds: Int32 = 0
            if watch.access.triggers(write: false) { kinds |= Int32(FS_WATCH_READ) }
            if watch.access.triggers(write: true) { kinds |= Int32(FS_WATCH_WRITE) }
            let end = UInt64(watch.address) + UInt64(watch.size)
            guard fs_add_watch(core.engine, core.state, UInt64(watch.address), end, kinds) == 0 else { break }
            installedWatches.append(watch)
        }
    }

    /// The watch whose access the last run made (the C hook's note).
    private var watchHit: DataWatchHit? {
        let index = Int(core.state.pointee.watch_hit) - 1
        guard installedWatches.indices.contains(index) else { return nil }
        return DataWatchHit(watch: installedWatches[index], write: core.state.pointee.watch_hit_write != 0)
    }

    // MARK: Registers

    private static let generalCount = 13

    private func load(_ registers: Registers) {
        // CONTROL first: it decides which stack pointer SP is.
        let special = registers[Selector.specialRegisters]
        core.setRegister(Int32(FS_UC_ARM_REG_CONTROL), special >> 24)
        core.setRegister(Int32(FS_UC_ARM_REG_FAULTMASK), (special >> 16) & 0xFF)
        core.setRegister(Int32(FS_UC_ARM_REG_BASEPRI), (special >> 8) & 0xFF)
        core.setRegister(Int32(FS_UC_ARM_REG_PRIMASK), special & 0xFF)
        core.setRegister(Int32(FS_UC_ARM_REG_MSP), registers[Selector.mainStackPointer])
        core.setRegister(Int32(FS_UC_ARM_REG_PSP), registers[Selector.processStackPointer])
        for index in 0..<Self.generalCount { core.setRegister(r: index, registers[UInt32(index)]) }
        core.setRegister(Int32(FS_UC_ARM_REG_LR), registers[Selector.linkRegister])
        core.setRegister(Int32(FS_UC_ARM_REG_XPSR), registers[Selector.programStatus])
        core.setRegister(Int32(FS_UC_ARM_REG_FPSCR), registers[Selector.floatingStatus])
        for (index, selector) in Selector.singlePrecision.enumerated() {
            core.setRegister(Int32(FS_UC_ARM_REG_S0) + Int32(index), registers[selector])
        }
    }

    private func store(into registers: inout Registers, pc: UInt32) {
        for index in 0..<Self.generalCount { registers[UInt32(index)] = core.register(r: index) }
        registers[Selector.mainStackPointer] = core.register(Int32(FS_UC_ARM_REG_MSP))
        registers[Selector.processStackPointer] = core.register(Int32(FS_UC_ARM_REG_PSP))
        registers[Selector.linkRegister] = core.register(Int32(FS_UC_ARM_REG_LR))
        registers[Selector.programStatus] = core.register(Int32(FS_UC_ARM_REG_XPSR))
        registers[Selector.specialRegisters] =
            core.register(Int32(FS_UC_ARM_REG_CONTROL)) << 24 | (core.register(Int32(FS_UC_ARM_REG_FAULTMASK)) & 0xFF)
            << 16 | (core.register(Int32(FS_UC_ARM_REG_BASEPRI)) & 0xFF) << 8
            | (core.register(Int32(FS_UC_ARM_REG_PRIMASK)) & 0xFF)
        registers[Selector.floatingStatus] = core.register(Int32(FS_UC_ARM_REG_FPSCR))
        for (index, selector) in Selector.singlePrecision.enumerated() {
            registers[selector] = core.register(Int32(FS_UC_ARM_REG_S0) + Int32(index))
        }
        registers.programCounter = pc
    }
}
