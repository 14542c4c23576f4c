import CUnicornShim
import FlashCore

/// Runs one vendor flash algorithm on an emulated Cortex-M33 (Unicorn, Thumb, M-class).
///
/// RAM is real memory; the flash, the flash size register, the flash controller, OCTOSPI
/// and every other peripheral address are MMIO that goes to FlashScope's `Bus`, so the
/// model sees each access and answers it, and anything it does not know stops the call
/// with a fault naming the PC and the address.
///
/// Virtual time: each instruction costs 250 ns (the 4 MHz MSI clock after reset), charged
/// at the next bus access; and a read is a poll when the same instruction, the last time it
/// ran, read the same value from the same address: after it, time passes to the next device
/// event. So vendor busy-wait loops, which have no timeout, end after a poll or two, even
/// when they wait in a software delay loop between polls.
package final class Emulator {
    package static var isAvailable: Bool { EmulatorLibrary.unicornLoaded }

    package static let ramBase: UInt32 = 0x2000_0000
    /// The STM32L5's 256 KB of SRAM.
    package static let ramSize: UInt32 = 0x4_0000
    package static let nanosecondsPerInstruction: UInt64 = 250
    /// Address ranges forwarded to the bus: flash, system memory and the flash size register;
    /// the peripherals (both aliases); the OCTOSPI memory-mapped window.
    static let deviceRanges: [(base: UInt64, size: Int)] = [
        (0x0800_0000, 0x0800_0000), (0x4000_0000, 0x2000_0000), (0x9000_0000, 0x1000_0000),
    ]
    static let stackSize: UInt32 = 0x1000
    /// UC_ERR_INSN_INVALID, and QEMU's EXCP_UDEF.
    static let invalidInstruction: Int32 = 10
    static let undefinedInstruction: UInt32 = 1
    /// Room left after the blob for zero-initialised data the blob does not carry.
    static let zeroInitRoom: UInt32 = 0x1000

    package let algorithm: VendorAlgorithm
    /// Instructions one call may execute before it is stopped.
    package var instructionBudget: UInt64 = 20_000_000
    /// Where ProgramPage's data is placed, the stack top and the return breakpoint (a BKPT, as probe-rs uses).
    package let bufferAddress: UInt32
    package let bufferSize: UInt32
    package let stackTop: UInt32
    package let breakpoint: UInt32
    package let staticBase: UInt32
    /// Which core Unicorn emulates ("Cortex-M33", or the default M-class core if the library refused it).
    package let cpuModel: String
    /// Instructions executed over every call.
    package private(set) var totalInstructions: UInt64 = 0
    /// Called before each instruction while set (stepping; slows the run down).
    package var onStep: ((CoreStep) -> Void)? {
        didSet { installStepping() }
    }

    private let engine: OpaquePointer
    let state: UnsafeMutablePointer<fs_core_state>
    private var regions: [MMIORegion] = []
    private var bus: Bus?
    private var pendingFault: EmulatorFault?
    private var polls = PollTable()
    private var charged: UInt64 = 0
    /// The bus's reset count when the call began: a reset during the call stops the core.
    private var resetsAtCall = 0

    package init(_ algorithm: VendorAlgorithm) throws(EmulatorSetupError) {
        guard Self.isAvailable else { throw .libraryMissing }
        self.algorithm = algorithm
        let layout = try Self.layout(for: algorithm)
        (bufferAddress, bufferSize, stackTop, breakpoint) = layout
        staticBase = algorithm.loadAddress &+ algorithm.dataSectionOffset
        var handle: OpaquePointer?
        let opened = fs_uc_open(&handle)
        guard opened == 0, let handle else { throw .unicorn(String(cString: fs_uc_strerror(opened))) }
        engine = handle
        cpuModel =
            fs_uc_set_cpu_model(handle, Int32(FS_UC_CPU_ARM_CORTEX_M33)) == 0 ? "Cortex-M33" : "default M-class core"
        state = .allocate(capacity: 1)
        state.initialize(to: fs_core_state())
        do {
            try check(fs_uc_mem_map(engine, UInt64(Self.ramBase), Int(Self.ramSize)), "mapping RAM")
            for range in Self.deviceRanges { try mapDevices(range.base, range.size) }
            try check(fs_install_hooks(engine, state), "installing hooks")
            try load(algorithm.blob, at: algorithm.loadAddress)
            try load([0x00, 0xBE], at: breakpoint)  // BKPT #0
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

    /// Blob, zero-init room, page buffer, stack, breakpoint, in that order from the load address.
    private static func layout(for algorithm: VendorAlgorithm) throws(EmulatorSetupError)
        -> (buffer: UInt32, bufferSize: UInt32, stackTop: UInt32, breakpoint: UInt32)
    {
        let load = UInt64(algorithm.loadAddress)
        let ramEnd = UInt64(ramBase) + UInt64(ramSize)
        guard load >= UInt64(ramBase), load % 2 == 0 else {
            throw .badAlgorithm("load address \(hex(algorithm.loadAddress)) is not in RAM at \(hex(ramBase))")
        }
        let blobEnd = (load + UInt64(algorithm.blob.count) + 15) & ~15
        let buffer = blobEnd + UInt64(zeroInitRoom)
        let bufferSize = (UInt64(max(algorithm.pageSize, 0x1000)) + 15) & ~15
        let stackTop = buffer + bufferSize + UInt64(stackSize)
        guard stackTop + 16 <= ramEnd else {
            throw .badAlgorithm(
                "the blob (\(algorithm.blob.count) bytes) and a \(bufferSize)-byte page buffer do not fit in RAM")
        }
        return (UInt32(buffer), UInt32(bufferSize), UInt32(stackTop), UInt32(stackTop + 8))
    }

    private func check(_ code: Int32, _ what: String) throws(EmulatorSetupError) {
        if code != 0 { throw .unicorn("\(what): \(String(cString: fs_uc_strerror(code)))") }
    }

    private func load(_ bytes: [UInt8], at address: UInt32) throws(EmulatorSetupError) {
        let code = bytes.withUnsafeBytes { fs_uc_mem_write(engine, UInt64(address), $0.baseAddress, $0.count) }
        try check(code, "loading \(bytes.count) bytes at \(hex(address))")
    }

    private func mapDevices(_ base: UInt64, _ size: Int) throws(EmulatorSetupError) {
        let region = MMIORegion(base: UInt32(base), emulator: self)
        regions.append(region)
        let user = Unmanaged.passUnretained(region).toOpaque()
        let code = fs_uc_mmio_map(
            engine, base, size,
            { _, offset, size, user in
                guard let user else { return 0 }
                let region = Unmanaged<MMIORegion>.fromOpaque(user).takeUnretainedValue()
                return region.emulator.deviceRead(region.base &+ UInt32(truncatingIfNeeded: offset), size: Int(size))
            }, user,
            { _, offset, size, value, user in
                guard let user else { return }
                let region = Unmanaged<MMIORegion>.fromOpaque(user).takeUnretainedValue()
                region.emulator.deviceWrite(
                    region.base &+ UInt32(truncatingIfNeeded: offset), size: Int(size), value: value)
            }, user)
        try check(code, "mapping devices at \(hex(UInt32(base)))")
    }

    // MARK: Calls

    /// Calls an entry point (an offset from the load address) with up to four arguments
    /// (R0–R3), R9 at the static base and LR at the breakpoint; returns R0. The call may
    /// execute `budget` instructions (default `instructionBudget`).
    package func call(_ offset: UInt32, _ arguments: [UInt32], bus: Bus, budget: UInt64? = nil) -> Result<
        UInt32, EmulatorFault
    > {
        let budget = budget ?? instructionBudget
        self.bus = bus
        // The algorithm runs from SRAM, which is what readout protection asks (reference §8).
        let origin = bus.origin
        bus.origin = .sramCode
        defer {
            bus.origin = origin
            self.bus = nil
        }
        resetsAtCall = bus.resetCount
        pendingFault = nil
        polls = PollTable()
        charged = 0
        state.pointee.instructions = 0
        state.pointee.stop_reason = Int32(FS_STOP_NONE)
        state.pointee.budget = budget
        for (index, value) in arguments.prefix(4).enumerated() {
            _ = fs_uc_reg_write(engine, Int32(FS_UC_ARM_REG_R0) + Int32(index), value)
        }
        _ = fs_uc_reg_write(engine, Int32(FS_UC_ARM_REG_R0) + 9, staticBase)
        _ = fs_uc_reg_write(engine, Int32(FS_UC_ARM_REG_SP), stackTop)
        _ = fs_uc_reg_write(engine, Int32(FS_UC_ARM_REG_LR), breakpoint | 1)
        let entry = (algorithm.loadAddress &+ offset) | 1
        let code = fs_uc_emu_start(engine, UInt64(entry), UInt64(breakpoint))
        let executed = state.pointee.instructions
        totalInstructions += executed
        if let bus = self.bus {
            account(bus, note: false)
            bus.trace.clearAttribution()
        }
        let pc = fs_uc_reg_read(engine, Int32(FS_UC_ARM_REG_PC))
        if let pendingFault { return .failure(pendingFault) }
        let faultPC = UInt32(truncatingIfNeeded: state.pointee.pc)
        switch Int(state.pointee.stop_reason) {
        case Int(FS_STOP_BUDGET):
            return .failure(
                EmulatorFault(kind: .budgetExhausted(budget), pc: faultPC, address: nil, instructions: executed))
        case Int(FS_STOP_EXCEPTION):
            return .failure(
                EmulatorFault(
                    kind: .exception(state.pointee.interrupt), pc: faultPC, address: nil, instructions: executed))
        case Int(FS_STOP_UNMAPPED):
            let access =
                switch Int(state.pointee.fault_kind) {
                case Int(FS_UC_MEM_WRITE_UNMAPPED): "write"
                case Int(FS_UC_MEM_FETCH_UNMAPPED): "instruction fetch"
                default: "read"
                }
            return .failure(
                EmulatorFault(
                    kind: .unknownAddress(access: access), pc: faultPC,
                    address: UInt32(truncatingIfNeeded: state.pointee.fault_address), instructions: executed))
        default:
            break
        }
        // Unicorn reports an undefined instruction as an error rather than through the interrupt hook.
        if code == Self.invalidInstruction {
            return .failure(
                EmulatorFault(
                    kind: .exception(Self.undefinedInstruction), pc: faultPC, address: nil, instructions: executed))
        }
        guard code == 0 else {
            return .failure(
                EmulatorFault(
                    kind: .emulator(String(cString: fs_uc_strerror(code))), pc: faultPC, address: nil,
                    instructions: executed))
        }
        guard pc == breakpoint else {
            return .failure(
                EmulatorFault(
                    kind: .emulator("stopped at \(hex(pc)) before returning"), pc: pc, address: nil,
                    instructions: executed))
        }
        return .success(fs_uc_reg_read(engine, Int32(FS_UC_ARM_REG_R0)))
    }

    /// Copies data into the page buffer (for ProgramPage); false if it does not fit.
    package func writeBuffer(_ bytes: [UInt8]) -> Bool {
        guard bytes.count <= Int(bufferSize) else { return false }
        return bytes.withUnsafeBytes { fs_uc_mem_write(engine, UInt64(bufferAddress), $0.baseAddress, $0.count) } == 0
    }

    /// Reads emulated RAM (for stepping views and tests).
    package func readMemory(_ address: UInt32, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        let code = bytes.withUnsafeMutableBytes { fs_uc_mem_read(engine, UInt64(address), $0.baseAddress, $0.count) }
        return code == 0 ? bytes : nil
    }

    /// R0–R12, SP, LR, PC and xPSR as they are now.
    package var registers: CoreRegisters {
        var general: [UInt32] = []
        for index in 0..<13 { general.append(fs_uc_reg_read(engine, Int32(FS_UC_ARM_REG_R0) + Int32(index))) }
        return CoreRegisters(
            r: general, sp: fs_uc_reg_read(engine, Int32(FS_UC_ARM_REG_SP)),
            lr: fs_uc_reg_read(engine, Int32(FS_UC_ARM_REG_LR)),
            pc: fs_uc_reg_read(engine, Int32(FS_UC_ARM_REG_PC)),
            xpsr: fs_uc_reg_read(engine, Int32(FS_UC_ARM_REG_XPSR)))
    }

    // MARK: Device accesses (from the MMIO callbacks)

    /// Charges the instructions run since the last access to the virtual clock and names
    /// the instruction making the access in the trace.
    private func account(_ bus: Bus, note: Bool = true) {
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
        guard let value = bus.read(address, size: width) else {
            fault(address, access: "read", bus)
            return 0
        }
        if polls.repeats(pc: UInt32(truncatingIfNeeded: state.pointee.pc), address: address, value: value) {
            bus.waitForEvent()
        }
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
        if !bus.write(address, UInt32(truncatingIfNeeded: value), size: width) {
            fault(address, access: "write", bus)
        } else if bus.resetCount != resetsAtCall {
            // OBL_LAUNCH: the chip reset under the core, which would restart at its reset vector.
            fault(.systemReset(bus.lastReset?.cause ?? .optionByteLoad), address)
        }
    }

    private func fault(_ address: UInt32, access: String, _ bus: Bus) {
        let known = bus.describe(address).region != "unmapped"
        // The device's reason, when it gave one (a wrong key sequence, readout protection).
        var why = "the device refused the \(access)"
        if case .refused(let reason)? = bus.lastFault?.fault, bus.lastFault?.address == address {
            why += " (\(reason))"
        }
        fault(known ? .busFault(why) : .unknownAddress(access: access), address)
    }

    private func fault(_ kind: EmulatorFault.Kind, _ address: UInt32) {
        pendingFault = EmulatorFault(
            kind: kind, pc: UInt32(truncatingIfNeeded: state.pointee.pc), address: address,
            instructions: state.pointee.instructions)
        fs_stop(engine, state, Int32(FS_STOP_HOST))
    }
}

/// One MMIO mapping; the callbacks find the emulator and the absolute address through it.
final class MMIORegion {
    let base: UInt32
    unowned(unsafe) let emulator: Emulator

    init(base: UInt32, emulator: Emulator) {
        self.base = base
        self.emulator = emulator
    }
}
