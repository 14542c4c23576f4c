import CUnicornShim
import FlashCore

extension Emulator {
    /// Whether disassembly text is available (Capstone 4 was found).
    package static var canDisassemble: Bool { EmulatorLibrary.capstoneLoaded }

    /// The Thumb instruction at the start of `bytes`, as text; nil without Capstone.
    package static func disassemble(_ bytes: [UInt8], at address: UInt32) -> String? {
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
package final class StepLog {
    package private(set) var steps: [CoreStep] = []
    package let limit: Int
    /// Steps seen beyond `limit` (counted, not kept).
    package private(set) var dropped = 0

    package init(limit: Int = 100_000) {
        self.limit = limit
    }

    /// Starts recording every instruction `emulator` runs.
    package func attach(to emulator: Emulator) {
        emulator.onStep = { [weak self] step in self?.append(step) }
    }

    package func detach(from emulator: Emulator) {
        emulator.onStep = nil
    }

    private func append(_ step: CoreStep) {
        if steps.count < limit { steps.append(step) } else { dropped += 1 }
    }
}
