/// The core registers at one moment.
package struct CoreStepRegisters: Equatable, Sendable {
    /// R0–R12.
    package var r: [UInt32]
    package var sp: UInt32
    package var lr: UInt32
    package var pc: UInt32
    package var xpsr: UInt32

    package init(r: [UInt32], sp: UInt32, lr: UInt32, pc: UInt32, xpsr: UInt32) {
        self.r = r
        self.sp = sp
        self.lr = lr
        self.pc = pc
        self.xpsr = xpsr
    }
}

/// One instruction about to execute on an emulated core, for stepping: its address, its
/// disassembly (when one is at hand) and the registers as the previous instruction left them.
/// The emulator makes them; step mode and the UI only read them, so they live with the trace.
package struct CoreStep: Equatable, Sendable {
    /// Counted from the first call into the algorithm; the trace's `.executed` note carries the same count.
    package var instruction: UInt64
    package var pc: UInt32
    package var size: UInt32
    package var disassembly: String?
    package var registers: CoreStepRegisters

    package init(instruction: UInt64, pc: UInt32, size: UInt32, disassembly: String?, registers: CoreStepRegisters) {
        self.instruction = instruction
        self.pc = pc
        self.size = size
        self.disassembly = disassembly
        self.registers = registers
    }
}
