import FlashCore
import TerminalKit

/// Operations that ask first: the question, and what a plan of the operation says it would do.
extension App {
    /// E, B, M and L ask first, saying what a plan of the operation would do.
    static func askToConfirm(_ model: inout AppModel, _ action: AppAction) -> [AppEffect] {
        let layout = model.machine.layout
        let operation: DeviceOperation
        let question: String
        var details: [String] = []
        switch action {
        case .erasePage:
            if model.attached != nil {
                guard let location = model.cursorLocation else {
                    model.status = StatusMessage(
                        "on an attached board E erases pages of the embedded flash only", isError: true)
                    return []
                }
                if let reading = readBeforePredicting(&model, location.pageAddress, count: location.pageSize) {
                    return reading
                }
            }
            if let sector = model.ospiLocation {
                operation = .eraseSector(sector.sectorAddress)
                question = "Erase OCTOSPI sector \(sector.sector) at \(hex(sector.sectorAddress)) (4 KiB)?"
            } else {
                guard let location = model.cursorLocation else { return [] }
                operation = .erasePage(location.pageAddress)
                question = "Erase the page at \(hex(location.pageAddress)) with \(model.algorithm)?"
            }
        case .eraseBank:
            guard let location = model.cursorLocation else {
                model.status = StatusMessage(
                    "B erases a bank of the embedded flash: move onto one first", isError: true)
                return []
            }
            operation = .eraseBank(location.bank)
            question = "Erase bank \(location.bank) (\(layout.pagesPerBank) pages) with \(model.algorithm)?"
        case .massErase where model.ospiLocation != nil:
            operation = .eraseOctoSPIChip
            let size = model.shownMachine.ospi.map { $0.flash.geometry.size / (1024 * 1024) } ?? 0
            question = "Erase the whole OCTOSPI flash (\(size) MiB, chip erase)?"
        case .massErase:
            operation = .massErase
            question = "Erase all \(layout.part.flashSize / 1024) KiB of the embedded flash?"
        default:
            operation = .launch
            question = "Launch the option bytes (OBL_LAUNCH)?"
            details = launchDetails(model.machine)
        }
        var confirmation = PendingConfirmation(question: question, details: details, operation: operation)
        if let view = model.attached { confirmation = onChip(confirmation, view) }
        // The launch says what is pending; the rest ask once a plan has said what they would do.
        if operation == .launch {
            model.confirmation = confirmation
            return []
        }
        return start(&model, operation, .plan, confirming: confirmation)
    }

    /// A file was read: ask before programming it.
    static func confirmProgram(_ model: inout AppModel, file: LoadedFile) -> [AppEffect] {
        model.loadedFile = file
        model.status = nil
        let operation = DeviceOperation.program(file)
        let address = file.image.bounds.map { hex($0.low) } ?? "?"
        var confirmation = PendingConfirmation(
            question: "Program \(file.image.byteCount) bytes of \(file.name) at \(address)?", details: [],
            operation: operation)
        if let view = model.attached {
            if let refused = programOnChipRefused(&model, file.image) { return refused }
            confirmation = onChip(confirmation, view)
        }
        return start(&model, operation, .plan, confirming: confirmation)
    }

    private static func launchDetails(_ machine: Machine) -> [String] {
        let effective = machine.controller.effective
        let pending = machine.controller.pending
        let changes = OptionChange.between(effective, pending, staged: true)
        guard !changes.isEmpty else { return ["nothing is pending: the option bytes reload unchanged"] }
        var lines = changes.prefix(4).map(\.text)
        lines.append("OBL_LAUNCH is a system reset: every register returns to its reset value")
        if effective.readoutLevel != .level0 && pending.readoutLevel == .level0 {
            lines.append("RDP \(effective.readoutLevel) → level 0: the user flash is mass-erased first")
        }
        if pending.readoutLevel == .level2 && effective.readoutLevel != .level2 {
            lines.append("RDP level 2 takes effect: on a real part it can never be undone")
        }
        if effective.dualBankBit != pending.dualBankBit {
            lines.append(
                machine.controller.assumptions.bankModeChange == .erase
                    ? "the bank mode changes: the flash is erased (assumption bank-mode-change=erase)"
                    : "the bank mode changes: contents stay put (assumption bank-mode-change=keep)")
        }
        return lines
    }
}
