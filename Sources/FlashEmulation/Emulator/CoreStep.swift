import CUnicornShim
import FlashCore

/// The core registers at one moment.
public struct CoreRegisters: Equatable, Sendable {
    /// R0–R12.
    public var r: [UInt32]
    public var sp: UInt32
    public var lr: UInt32
    public var pc: UInt32
    public var xpsr: UInt32
}

/// One instruction about to execute, for stepping: its address, its bytes' disassembly
/// (when Capstone is installed) and the registers as the previous instruction left them.
public struct CoreStep: Equatable, Sendable {
    /// Counted from the first call into the algorithm.
    public var instruction: UInt64
    public var pc: UInt32
    public var size: UInt32
    public var disassembly: String?
    public var registers: CoreRegisters
}

extension Emulator {
    /// Whether disassembly text is available (Capstone 4 was found).
    public static var canDisassemble: Bool { EmulatorLibrary.capstoneLoaded }

    /// The Thumb instruction at the start of `bytes`, as text; nil without Capstone.
    public static func disassemble(_ bytes: [UInt8], at address: UInt32) -> String? {
        guard canDisassemble, !bytes.isEmpty else { return nil }
        var text = [CChar](repeating: 0, count: 200)
        let size = fs_disassemble(bytes, bytes.count, UInt64(address), &text, text.count)
        guard size > 0 else { return nil }
        let end = text.firstIndex(of: 0) ?? text.count
        return String(decoding: text[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func installStepping() {
        if onStep == nil {
            state.pointee.step = nil
            state.pointee.step_context = nil
            return
        }
        state.pointee.step_context = Unmanaged.passUnretained(self).toOpaque()
        state.pointee.step = { context, pc, size in
            guard let context else { return }
            Unmanaged<Emulator>.fromOpaque(context).takeUnretainedValue().stepped(pc: pc, size: size)
        }
    }

    private func stepped(pc: UInt64, size: UInt32) {
        guard let onStep else { return }
        let address = UInt32(truncatingIfNeeded: pc)
        let bytes = readMemory(address, count: Int(size)) ?? []
        var registers = self.registers
        registers.pc = address
        onStep(
            CoreStep(
                instruction: totalInstructions + state.pointee.instructions, pc: address, size: size,
                disassembly: Self.disassemble(bytes, at: address), registers: registers))
    }
}

/// Collects the steps of the calls made while it is attached (bounded), for a stepping view.
public final class StepLog {
    public private(set) var steps: [CoreStep] = []
    public let limit: Int
    /// Steps seen beyond `limit` (counted, not kept).
    public private(set) var dropped = 0

    public init(limit: Int = 100_000) {
        self.limit = limit
    }

    /// Starts recording every instruction `emulator` runs.
    public func attach(to emulator: Emulator) {
        emulator.onStep = { [weak self] step in self?.append(step) }
    }

    public func detach(from emulator: Emulator) {
        emulator.onStep = nil
    }

    private func append(_ step: CoreStep) {
        if steps.count < limit { steps.append(step) } else { dropped += 1 }
    }
}
