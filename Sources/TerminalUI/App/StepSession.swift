import FlashCore
import TerminalKit

/// An operation being stepped: run once on a scratch copy to learn its trace, then
/// replayed from the state before it, one bus access at a time.
package struct StepSession {
    /// The flash controller registers the step panel shows, in order.
    package static let flashRegisterNames = ["NSKEYR", "NSCR", "NSSR", "OPTR"]
    /// The OCTOSPI1 registers shown, before the flash controller's, when the operation drives the
    /// OCTOSPI flash: the set-up, the command phases, the address and length, then the status.
    package static let octoSPIRegisterNames = [
        OctoSPIRegister.cr, .dcr1, .ccr, .tcr, .ir, .ar, .dlr, .sr,
    ].map { Machine.octoSPIPrefix + $0.spec.name }

    /// The registers this session shows.
    package let registerNames: [String]
    /// True when the operation drives OCTOSPI1: its registers come first.
    package let drivesOctoSPIFlash: Bool

    package let operation: DeviceOperation
    package let result: OperationResult
    package let replayer: TraceReplayer
    /// The trace in words, for the journal when the operation is committed.
    package let renderedTrace: [RenderedTraceEntry]
    /// Register values before the access last replayed, to mark what it changed.
    package internal(set) var previousValues: [String: UInt32] = [:]

    /// The emulated core's instructions, when a vendor algorithm ran (empty otherwise).
    package let coreSteps: [CoreStep]

    init(
        operation: DeviceOperation, result: OperationResult, replayer: TraceReplayer,
        renderedTrace: [RenderedTraceEntry], coreSteps: [CoreStep] = []
    ) {
        self.coreSteps = coreSteps
        self.operation = operation
        self.result = result
        self.replayer = replayer
        self.renderedTrace = renderedTrace
        let window = OctoSPIRegisters.base..<(OctoSPIRegisters.base + OctoSPIRegisters.windowSize)
        let drivesOctoSPI = replayer.entries.contains { window.contains($0.address) }
        registerNames = drivesOctoSPI ? Self.octoSPIRegisterNames + Self.flashRegisterNames : Self.flashRegisterNames
        drivesOctoSPIFlash = drivesOctoSPI
        previousValues = registerValues()
    }

    package var position: Int { replayer.position }
    package var total: Int { replayer.entries.count }

    /// Moves to `target` accesses replayed, remembering the register values one access earlier.
    mutating func seek(to target: Int) {
        let goal = max(0, min(target, total))
        replayer.seek(to: max(0, goal - 1))
        previousValues = registerValues()
        replayer.seek(to: goal)
    }

    /// The value each shown register has now. Key registers read as zero, so they show
    /// the last key written instead: that is what the step is about.
    func registerValues() -> [String: UInt32] {
        let machine = replayer.machine
        var values: [String: UInt32] = [:]
        for name in registerNames {
            guard let register = machine.peekRegister(named: name) else { continue }
            if name.hasSuffix("KEYR") {
                let written = replayer.entries.prefix(replayer.position).last {
                    $0.access == .write && $0.address == register.address
                }
                values[name] = written?.value ?? 0
            } else {
                values[name] = register.value
            }
        }
        return values
    }

    /// Rows for the register panel, fields changed by the last access marked.
    package var registerRows: [RegisterRow] {
        let machine = replayer.machine
        let values = registerValues()
        return registerNames.compactMap { name in
            guard let register = machine.peekRegister(named: name), let value = values[name] else { return nil }
            if name.hasSuffix("KEYR") {
                return RegisterRow.keyRegister(named: name, lastKey: value, previous: previousValues[name])
            }
            return RegisterRow(spec: register.spec, value: value, previous: previousValues[name])
        }
    }

    /// The instruction that made the access last replayed (PC, disassembly, registers), for a vendor algorithm.
    package var currentInstruction: CoreStep? {
        guard !coreSteps.isEmpty, let entry = replayer.current else { return nil }
        for note in entry.notes {
            if case .executed(_, let count) = note {
                // Steps are in instruction order: find the one with this count.
                var low = 0
                var high = coreSteps.count
                while low < high {
                    let middle = (low + high) / 2
                    if coreSteps[middle].instruction < count { low = middle + 1 } else { high = middle }
                }
                return low < coreSteps.count && coreSteps[low].instruction == count ? coreSteps[low] : nil
            }
        }
        return nil
    }

    /// The access last replayed, in words.
    package var currentAccess: RenderedTraceEntry? {
        replayer.current.map { replayer.machine.render($0) }
    }
}
