import CUnicornShim
import FlashCore

/// Runs one vendor flash algorithm on an emulated Cortex-M33 (a `UnicornCore`): the blob, its
/// page buffer and stack in Unicorn's own RAM, every device on FlashScope's bus.
package final class Emulator {
    package static var isAvailable: Bool { UnicornCore.isAvailable }

    package static let ramBase: UInt32 = 0x2000_0000
    /// The STM32L5's 256 KB of SRAM.
    package static let ramSize: UInt32 = 0x4_0000
    package static let nanosecondsPerInstruction = UnicornCore.nanosecondsPerInstruction
    /// Address ranges forwarded to the bus: both flash alias windows, the peripherals, OCTOSPI.
    static let deviceRanges: [(base: UInt64, size: Int)] =
        [(UInt64(FlashLayout.nonSecureBase), Int(2 * UnicornCore.flashAliasSpan))] + UnicornCore.peripheralRanges
    static let stackSize: UInt32 = 0x1000
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
    package var cpuModel: String { core.cpuModel }
    /// Instructions executed over every call.
    package var totalInstructions: UInt64 { core.totalInstructions }
    /// Called before each instruction while set (stepping; slows the run down).
    package var onStep: ((CoreStep) -> Void)? {
        didSet { installStepping() }
    }

    let core: UnicornCore
    var state: UnsafeMutablePointer<fs_core_state> { core.state }

    package init(_ algorithm: VendorAlgorithm) throws(EmulatorSetupError) {
        self.algorithm = algorithm
        let layout = try Self.layout(for: algorithm)
        (bufferAddress, bufferSize, stackTop, breakpoint) = layout
        staticBase = algorithm.loadAddress &+ algorithm.dataSectionOffset
        core = try UnicornCore()
        try core.mapRAM(Self.ramBase, size: Self.ramSize)
        for range in Self.deviceRanges { try core.mapDevices(range.base, range.size) }
        try core.load(algorithm.blob, at: algorithm.loadAddress)
        try core.load([0x00, 0xBE], at: breakpoint)  // BKPT #0
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

    // MARK: Calls

    /// Calls an entry point (an offset from the load address) with up to four arguments
    /// (R0–R3), R9 at the static base and LR at the breakpoint; returns R0. The call may
    /// execute `budget` instructions (default `instructionBudget`).
    package func call(_ offset: UInt32, _ arguments: [UInt32], bus: Bus, budget: UInt64? = nil) -> Result<
        UInt32, EmulatorFault
    > {
        let budget = budget ?? instructionBudget
        core.forgetPolls()
        for (index, value) in arguments.prefix(4).enumerated() { core.setRegister(r: index, value) }
        core.setRegister(r: 9, staticBase)
        core.setRegister(Int32(FS_UC_ARM_REG_SP), stackTop)
        core.setRegister(Int32(FS_UC_ARM_REG_LR), breakpoint | 1)
        let entry = algorithm.loadAddress &+ offset
        let (end, executed) = core.run(on: bus, from: entry, until: breakpoint, budget: budget)
        let pc = core.register(Int32(FS_UC_ARM_REG_PC))
        switch end {
        case .fault(let fault): return .failure(fault)
        case .budgetUsed:
            return .failure(
                EmulatorFault(
                    kind: .budgetExhausted(budget), pc: UInt32(truncatingIfNeeded: state.pointee.pc), address: nil,
                    instructions: executed))
        case .returned, .breakpoint, .resync:
            guard pc == breakpoint else {
                return .failure(
                    EmulatorFault(
                        kind: .emulator("stopped at \(hex(pc)) before returning"), pc: pc, address: nil,
                        instructions: executed))
            }
            return .success(core.register(r: 0))
        }
    }

    /// Copies data into the page buffer (for ProgramPage); false if it does not fit.
    package func writeBuffer(_ bytes: [UInt8]) -> Bool {
        guard bytes.count <= Int(bufferSize) else { return false }
        return (try? core.load(bytes, at: bufferAddress)) != nil
    }

    /// Reads emulated RAM (for stepping views and tests).
    package func readMemory(_ address: UInt32, count: Int) -> [UInt8]? {
        core.readMemory(address, count: count)
    }

    /// R0–R12, SP, LR, PC and xPSR as they are now.
    package var registers: CoreStepRegisters {
        CoreStepRegisters(
            r: (0..<13).map { core.register(r: $0) }, sp: core.register(Int32(FS_UC_ARM_REG_SP)),
            lr: core.register(Int32(FS_UC_ARM_REG_LR)), pc: core.register(Int32(FS_UC_ARM_REG_PC)),
            xpsr: core.register(Int32(FS_UC_ARM_REG_XPSR)))
    }
}
