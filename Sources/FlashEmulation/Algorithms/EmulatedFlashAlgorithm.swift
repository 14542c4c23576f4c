import FlashCore

/// A vendor algorithm run unmodified on the emulated core, as a `FlashAlgorithm`, so the
/// engine plans with its declared sectors and pages and calls its entry points exactly as
/// the tool that ships it would. A call that faults returns `faultCode` and says why in
/// `failureDetail`.
///
/// Besides the emulator's budget per call, an operation (from Init to UnInit, with every
/// EraseSector, ProgramPage and EraseChip between) has `operationBudget` instructions in
/// all, plus `instructionsPerProgrammedByte` for each byte handed to ProgramPage (so a
/// large image with a slow but honest algorithm still programs); once they are spent the
/// call in progress stops and fails, naming that budget. UnInit gets its per-call budget
/// regardless, so the algorithm can still clean up.
package final class EmulatedFlashAlgorithm: FlashAlgorithm {
    /// What a faulting call returns (CMSIS entry points return 0 on success, anything else on failure).
    package static let faultCode: UInt32 = 0xFFFF_FFFF
    /// Ten per-call budgets, a few seconds of emulation: erasing or programming the whole
    /// 512 KB embedded flash with the Keil algorithm takes under 2 million instructions.
    package static let defaultOperationBudget: UInt64 = 200_000_000
    /// The slowest algorithm measured, the STM32L562E-DK board's OCTOSPI one, runs about
    /// 1,600 instructions per byte programmed (the Keil one about 3); this leaves room above it.
    package static let instructionsPerProgrammedByte: UInt64 = 4096

    /// Instructions one operation may execute over all its calls, before the allowance for bytes programmed.
    package var operationBudget: UInt64 = defaultOperationBudget
    private var operationInstructions: UInt64 = 0
    private var operationBytes: UInt64 = 0

    package let vendor: VendorAlgorithm
    package let emulator: Emulator
    package private(set) var lastFault: EmulatorFault?

    package init(_ vendor: VendorAlgorithm) throws(EmulatorSetupError) {
        self.vendor = vendor
        emulator = try Emulator(vendor)
    }

    package var name: String { vendor.name }
    package var addressRange: ClosedRange<UInt32> { vendor.addressRange }
    package var pageSize: UInt32 { vendor.pageSize }
    package var failureDetail: String? { lastFault?.description }

    /// Whether the last call ended because the algorithm reset the chip (OBL_LAUNCH).
    package var lastCallEndedByReset: Bool {
        if case .systemReset = lastFault?.kind { return true }
        return false
    }

    package func sector(containing address: UInt32) -> DeclaredSector? {
        vendor.sector(containing: address)
    }

    package func initialize(bus: Bus, address: UInt32, clock: UInt32, function: AlgorithmFunction) -> UInt32 {
        // Board algorithms for the OCTOSPI flash set up clocks and pins first.
        if FlashRegion.of(vendor.start) == .ospi { BoardPeripheralStub.install(on: bus) }
        operationInstructions = 0
        operationBytes = 0
        guard let offset = vendor.initOffset else { return 0 }
        return run(offset, [address, clock, function.rawValue], bus)
    }

    package func uninitialize(bus: Bus, function: AlgorithmFunction) -> UInt32 {
        guard let offset = vendor.uninitOffset else { return 0 }
        return run(offset, [function.rawValue], bus, charged: false)
    }

    package func eraseSector(bus: Bus, address: UInt32) -> UInt32 {
        run(vendor.eraseSectorOffset, [address], bus)
    }

    package func programPage(bus: Bus, address: UInt32, bytes: [UInt8]) -> UInt32 {
        guard emulator.writeBuffer(bytes) else {
            lastFault = EmulatorFault(
                kind: .emulator("\(bytes.count) bytes do not fit the \(emulator.bufferSize)-byte page buffer"),
                pc: 0, address: nil, instructions: 0)
            return Self.faultCode
        }
        operationBytes += UInt64(bytes.count)
        return run(vendor.programPageOffset, [address, UInt32(bytes.count), emulator.bufferAddress], bus)
    }

    /// EraseChip, or failure when the algorithm has none (probe-rs then erases sector by sector).
    package func eraseChip(bus: Bus) -> UInt32 {
        guard let offset = vendor.eraseChipOffset else {
            lastFault = EmulatorFault(
                kind: .emulator("the algorithm has no EraseChip"), pc: 0, address: nil, instructions: 0)
            return Self.faultCode
        }
        return run(offset, [], bus)
    }

    /// One call, within the per-call budget and, when `charged`, what is left of the operation's.
    private func run(_ offset: UInt32, _ arguments: [UInt32], _ bus: Bus, charged: Bool = true) -> UInt32 {
        lastFault = nil
        let perCall = emulator.instructionBudget
        let allowance = Self.instructionsPerProgrammedByte.multipliedReportingOverflow(by: operationBytes)
        let (budget, overflow) = operationBudget.addingReportingOverflow(
            allowance.overflow ? .max : allowance.partialValue)
        let total = overflow ? UInt64.max : budget
        let remaining = total - min(total, operationInstructions)
        let limitedByOperation = charged && remaining < perCall
        let exhausted = EmulatorFault.Kind.operationBudgetExhausted(
            base: operationBudget, perByte: Self.instructionsPerProgrammedByte, bytes: operationBytes)
        guard !limitedByOperation || remaining > 0 else {
            lastFault = EmulatorFault(kind: exhausted, pc: 0, address: nil, instructions: 0)
            return Self.faultCode
        }
        let before = emulator.totalInstructions
        let result = emulator.call(offset, arguments, bus: bus, budget: limitedByOperation ? remaining : perCall)
        if charged { operationInstructions += emulator.totalInstructions - before }
        switch result {
        case .success(let code):
            return code
        case .failure(var fault):
            if limitedByOperation, case .budgetExhausted = fault.kind { fault.kind = exhausted }
            lastFault = fault
            return Self.faultCode
        }
    }
}
