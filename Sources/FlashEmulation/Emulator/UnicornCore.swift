import CUnicornShim
import FlashCore

/// One emulated Cortex-M33 (Unicorn, Thumb, M-class) whose device accesses go to FlashScope's
/// `Bus`: the part both the vendor-algorithm host (`Emulator`) and the debug target's core
/// (`EmulatedCortexM33`) stand on.
///
/// Memory is either Unicorn's own RAM or host memory mapped in place; every other range is MMIO
/// that goes to the bus, so the model sees each access and answers it, and anything it does not
/// know stops the run with a fault naming the PC and the address.
///
/// Virtual time: each instruction costs 250 ns (the 4 MHz MSI clock after reset), charged at the
/// next bus access; and a read is a poll when the same instruction, the last time it ran, read
/// the same value from the same address: after it, time passes to the next device event. So
/// busy-wait loops, which have no timeout, end after a poll or two.
package final class UnicornCore {
    package static var isAvailable: Bool { EmulatorLibrary.unicornLoaded }
    package static let nanosecondsPerInstruction: UInt64 = 250
    /// The peripherals (both aliases) and the OCTOSPI memory-mapped window, on the bus for every core.
    static let peripheralRanges: [(base: UInt64, size: Int)] = [(0x4000_0000, 0x2000_0000), (0x9000_0000, 0x1000_0000)]
    /// Each flash alias's window (the flash, system memory, OTP, UID, the flash size register).
    static let flashAliasSpan = FlashLayout.secureBase - FlashLayout.nonSecureBase
    /// UC_ERR_INSN_INVALID, and QEMU's EXCP_UDEF.
    static let invalidInstruction: Int32 = 10
    static let undefinedInstruction: UInt32 = 1

    /// Which core Unicorn emulates ("Cortex-M33", or the default M-class core if the library refused it).
    package let cpuModel: String
    /// Instructions executed over every run.
    package private(set) var totalInstructions: UInt64 = 0

    let engine: OpaquePointer
    let state: UnsafeMutablePointer<fs_core_state>
    private var regions: [MMIORegion] = []
    private(set) var bus: Bus?
    private(set) var pendingFault: EmulatorFault?
    private var polls = PollTable()
    private var charged: UInt64 = 0
    /// The bus's reset count when the run began: a reset during the run stops the core.
    private var resetsAtRun = 0
    /// Called after every device access of a run (the debug core checks its flash mirror here).
    var afterDeviceAccess: (() -> Void)?

    init() throws(EmulatorSetupError) {
        guard Self.isAvailable else { throw .libraryMissing }
        var handle: OpaquePointer?
        let opened = fs_uc_open(&handle)
        guard opened == 0, let handle else { throw .unicorn(String(cString: fs_uc_strerror(opened))) }
        engine = handle
        cpuModel =
            fs_uc_set_cpu_model(handle, Int32(FS_UC_CPU_ARM_CORTEX_M33)) == 0 ? "Cortex-M33" : "default M-class core"
        state = .allocate(capacity: 1)
        state.initialize(to: fs_core_state())
        do {
            try check(fs_install_hooks(engine, state), "installing hooks")
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    private func close() {
        _ = fs_uc_close(engine)
        state.deinitialize(count: 1)
        state.deallocate()
    }

    func check(_ code: Int32, _ what: String) throws(EmulatorSetupError) {
        if code != 0 { throw .unicorn("\(what): \(String(cString: fs_uc_strerror(code)))") }
    }

    // MARK: Memory

    /// RAM Unicorn owns.
    func mapRAM(_ base: UInt32, size: UInt32) throws(EmulatorSetupError) {
        try check(fs_uc_mem_map(engine, UInt64(base), Int(size)), "mapping RAM at \(hex(base))")
    }

    /// Host memory mapped in place (the caller keeps it alive as long as this core).
    func mapShared(_ memory: UnsafeMutableRawBufferPointer, at base: UInt32) throws(EmulatorSetupError) {
        try check(
            fs_uc_mem_map_ptr(engine, UInt64(base), memory.count, memory.baseAddress), "mapping memory at \(hex(base))")
    }

    /// A range whose every access goes to the bus.
    func mapDevices(_ base: UInt64, _ size: Int) throws(EmulatorSetupError) {
        let region = MMIORegion(base: UInt32(base), core: self)
        regions.append(region)
        let user = Unmanaged.passUnretained(region).toOpaque()
        let code = fs_uc_mmio_map(
            engine, base, size,
            { _, offset, size, user in
                guard let user else { return 0 }
                let region = Unmanaged<MMIORegion>.fromOpaque(user).takeUnretainedValue()
                return region.core.deviceRead(region.base &+ UInt32(truncatingIfNeeded: offset), size: Int(size))
            }, user,
            { _, offset, size, value, user in
                guard let user else { return }
                let region = Unmanaged<MMIORegion>.fromOpaque(user).takeUnretainedValue()
                region.core.deviceWrite(
                    region.base &+ UInt32(truncatingIfNeeded: offset), size: Int(size), value: value)
            }, user)
        try check(code, "mapping devices at \(hex(UInt32(base)))")
    }

    func load(_ bytes: [UInt8], at address: UInt32) throws(EmulatorSetupError) {
        let code = bytes.withUnsafeBytes { fs_uc_mem_write(engine, UInt64(address), $0.baseAddress, $0.count) }
        try check(code, "loading \(bytes.count) bytes at \(hex(address))")
    }

    func readMemory(_ address: UInt32, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        let code = bytes.withUnsafeMutableBytes { fs_uc_mem_read(engine, UInt64(address), $0.baseAddress, $0.count) }
        return code == 0 ? bytes : nil
    }

    // MARK: Registers

    func register(_ id: Int32) -> UInt32 { fs_uc_reg_read(engine, id) }
    func setRegister(_ id: Int32, _ value: UInt32) { _ = fs_uc_reg_write(engine, id, value) }
    func register(r index: Int) -> UInt32 { register(Int32(FS_UC_ARM_REG_R0) + Int32(index)) }
    func setRegister(r index: Int, _ value: UInt32) { setRegister(Int32(FS_UC_ARM_REG_R0) + Int32(index), value) }

    // MARK: Runs

    /// How a run ended, before the caller gives it a meaning.
    enum RunEnd: Equatable {
        /// Reached `until`, or stopped by the host without a fault (Unicorn's own stop, WFI).
        case returned
        case budgetUsed
        case breakpoint
        /// The host refreshed memory the core maps; the run may go on from the PC.
        case resync
        case fault(EmulatorFault)
    }

    /// Runs from `pc` until `until`, the budget (instructions this run may execute), a breakpoint
    /// in `state.breakpoints`, a fault or a host stop. At most `count` instructions when given.
    func run(on bus: Bus, from pc: UInt32, until: UInt32, budget: UInt64, count: Int = 0) -> (RunEnd, UInt64) {
        self.bus = bus
        defer { self.bus = nil }
        resetsAtRun = bus.resetCount
        pendingFault = nil
        charged = 0
        state.pointee.instructions = 0
        state.pointee.stop_reason = Int32(FS_STOP_NONE)
        state.pointee.resync_pending = 0
        state.pointee.budget = budget
        state.pointee.start_pc = UInt64(pc & ~1)
        state.pointee.pc = UInt64(pc & ~1)
        let code = fs_uc_emu_start_count(engine, UInt64(pc | 1), UInt64(until), count)
        let executed = min(state.pointee.instructions, budget)
        totalInstructions += executed
        account(bus, note: false)
        bus.trace.clearAttribution()
        return (end(code: code, executed: executed), executed)
    }

    /// Forgets the poll history (a new algorithm call).
    func forgetPolls() { polls = PollTable() }

    private func end(code: Int32, executed: UInt64) -> RunEnd {
        if let pendingFault { return .fault(pendingFault) }
        let faultPC = UInt32(truncatingIfNeeded: state.pointee.pc)
        func fault(_ kind: EmulatorFault.Kind, address: UInt32? = nil) -> RunEnd {
            .fault(EmulatorFault(kind: kind, pc: faultPC, address: address, instructions: executed))
        }
        switch Int(state.pointee.stop_reason) {
        case Int(FS_STOP_BUDGET): return .budgetUsed
        case Int(FS_STOP_BREAKPOINT): return .breakpoint
        case Int(FS_STOP_RESYNC): return .resync
        case Int(FS_STOP_EXCEPTION): return fault(.exception(state.pointee.interrupt))
        case Int(FS_STOP_UNMAPPED):
            let access =
                switch Int(state.pointee.fault_kind) {
                case Int(FS_UC_MEM_WRITE_UNMAPPED): "write"
                case Int(FS_UC_MEM_FETCH_UNMAPPED): "instruction fetch"
                default: "read"
                }
            return fault(
                .unknownAddress(access: access), address: UInt32(truncatingIfNeeded: state.pointee.fault_address))
        default: break
        }
        // Unicorn reports an undefined instruction as an error rather than through the interrupt hook.
        if code == Self.invalidInstruction { return fault(.exception(Self.undefinedInstruction)) }
        guard code == 0 else { return fault(.emulator(String(cString: fs_uc_strerror(code)))) }
        return .returned
    }

    /// Stops the run in progress from a host callback (after the current instruction block).
    func stop(_ reason: Int32) { fs_stop(engine, state, reason) }

    /// Ends the run before the next instruction, with `RunEnd.resync`.
    func requestResync() { state.pointee.resync_pending = 1 }

    // MARK: Device accesses (from the MMIO callbacks)

    /// Where the instruction making an access runs from, for readout protection (reference §8).
    private var origin: AccessOrigin {
        FlashLayout.isFlashWindow(UInt32(truncatingIfNeeded: state.pointee.pc)) ? .flashCode : .sramCode
    }

    /// Charges the instructions run since the last access to the virtual clock and names
    /// the instruction making the access in the trace.
    func account(_ bus: Bus, note: Bool = true) {
        let executed = state.pointee.instructions
        if executed > charged {
            bus.clock.advance(by: (executed - charged) * Self.nanosecondsPerInstruction)
            charged = executed
        }
        if note {
            bus.trace.attribute(
                pc: UInt32(truncatingIfNeeded: state.pointee.pc), instruction: totalInstructions + executed)
        }
    }

    fileprivate func deviceRead(_ address: UInt32, size: Int) -> UInt64 {
        guard let bus, pendingFault == nil else { return 0 }
        if size == 8 {
            let low = deviceRead(address, size: 4)
            return low | deviceRead(address &+ 4, size: 4) << 32
        }
        account(bus)
        guard let width = AccessSize(rawValue: size) else {
            fault(.busFault("a \(size)-byte access"), address)
            return 0
        }
        guard let value = bus.with(origin: origin, { bus.read(address, size: width) }) else {
            fault(address, access: "read", bus)
            return 0
        }
        if polls.repeats(pc: UInt32(truncatingIfNeeded: state.pointee.pc), address: address, value: value) {
            bus.waitForEvent()
        }
        afterDeviceAccess?()
        return UInt64(value)
    }

    fileprivate func deviceWrite(_ address: UInt32, size: Int, value: UInt64) {
        guard let bus, pendingFault == nil else { return }
        if size == 8 {
            deviceWrite(address, size: 4, value: value & 0xFFFF_FFFF)
            deviceWrite(address &+ 4, size: 4, value: value >> 32)
            return
        }
        account(bus)
        guard let width = AccessSize(rawValue: size) else {
            fault(.busFault("a \(size)-byte access"), address)
            return
        }
        if !bus.with(origin: origin, { bus.write(address, UInt32(truncatingIfNeeded: value), size: width) }) {
            fault(address, access: "write", bus)
        } else if bus.resetCount != resetsAtRun {
            // OBL_LAUNCH: the chip reset under the core, which would restart at its reset vector.
            fault(.systemReset(bus.lastReset?.cause ?? .optionByteLoad), address)
        } else {
            afterDeviceAccess?()
        }
    }

    /// A data access of the code to memory mapped in place that mirrors a device (the flash): the
    /// bus sees it too (the trace, readout protection); a write programs the device, after which
    /// the mirror is refreshed.
    func mirroredAccess(write: Bool, address: UInt32, size: Int, value: Int64) {
        guard let bus, pendingFault == nil, let width = AccessSize(rawValue: min(size, 4)) else { return }
        account(bus)
        if write {
            let written = bus.with(origin: origin) {
                bus.write(address, UInt32(truncatingIfNeeded: value), size: width)
            }
            if written { requestResync() } else { fault(address, access: "write", bus) }
        } else if bus.with(origin: origin, { bus.read(address, size: width) }) == nil {
            fault(address, access: "read", bus)
        }
    }

    func fault(_ address: UInt32, access: String, _ bus: Bus) {
        let known = bus.describe(address).region != "unmapped"
        // The device's reason, when it gave one (a wrong key sequence, readout protection).
        var why = "the device refused the \(access)"
        if case .refused(let reason)? = bus.lastFault?.fault, bus.lastFault?.address == address {
            why += " (\(reason))"
        }
        fault(known ? .busFault(why) : .unknownAddress(access: access), address)
    }

    func fault(_ kind: EmulatorFault.Kind, _ address: UInt32) {
        pendingFault = EmulatorFault(
            kind: kind, pc: UInt32(truncatingIfNeeded: state.pointee.pc), address: address,
            instructions: state.pointee.instructions)
        stop(Int32(FS_STOP_HOST))
    }
}

/// One MMIO mapping; the callbacks find the core and the absolute address through it.
final class MMIORegion {
    let base: UInt32
    unowned(unsafe) let core: UnicornCore

    init(base: UInt32, core: UnicornCore) {
        self.base = base
        self.core = core
    }
}
