import FlashCore
import FlashEmulation

/// Device operations: confirmation, running through the engine, stepping and reloads.
extension App {
    /// Runs an operation on a scratch copy. Stepping keeps it for replay; otherwise the copy
    /// becomes the device and the runner is asked to save it.
    static func execute(_ model: inout AppModel, _ operation: DeviceOperation) -> [AppEffect] {
        let before = model.machine.state
        let scratch = model.machine.scratchCopy()
        let result: OperationResult
        let engine = FlashEngine(machine: scratch)
        if let hook = progressHook {
            let title = operation.title
            engine.progress = { done, total in hook(title, done, total) }
        }
        // With a vendor algorithm chosen, the emulated core runs it; a step log keeps each instruction.
        let coreSteps = model.stepArmed ? StepLog(limit: 200_000) : nil
        do {
            if let vendor = model.vendorAlgorithm, vendor.name == model.algorithm {
                result = try operation.run(on: engine, vendor: vendor, steps: coreSteps)
            } else {
                result = try operation.run(on: engine, algorithm: model.algorithm)
            }
        } catch {
            model.status = StatusMessage("\(operation.title): \(error)", isError: true)
            return []
        }
        if model.stepArmed {
            if scratch.trace.dropped == 0 {
                model.stepping = StepSession(
                    operation: operation, result: result,
                    replayer: TraceReplayer(before: before, entries: scratch.trace.entries),
                    renderedTrace: scratch.renderedTrace(), coreSteps: coreSteps?.steps ?? [])
                model.status = StatusMessage(
                    "stepping \(operation.title): \(scratch.trace.count) bus accesses; n steps, c commits, x abandons")
                return []
            }
            model.status = StatusMessage(
                "\(operation.title): too long to step (\(scratch.trace.count) accesses); ran it whole")
        }
        model.machine = Machine(state: scratch.state)
        if model.status == nil { model.status = OperationSummary.text(result, title: operation.title) }
        return [
            .save(
                OperationCommit(
                    result: result, command: operation.command(algorithm: model.algorithm),
                    before: before, after: scratch.state, trace: scratch.renderedTrace()))
        ]
    }

    /// E, B, M and L ask first, saying what a plan of the operation would do.
    static func askToConfirm(_ model: inout AppModel, _ action: AppAction) {
        let layout = model.machine.layout
        let operation: DeviceOperation
        let question: String
        var details: [String] = []
        switch action {
        case .erasePage:
            if let sector = model.ospiLocation {
                operation = .eraseSector(sector.sectorAddress)
                question = "Erase OCTOSPI sector \(sector.sector) at \(hex(sector.sectorAddress)) (4 KiB)?"
            } else {
                guard let location = model.cursorLocation else { return }
                operation = .erasePage(location.pageAddress)
                question = "Erase the page at \(hex(location.pageAddress)) with \(model.algorithm)?"
            }
        case .eraseBank:
            guard let location = model.cursorLocation else {
                model.status = StatusMessage(
                    "B erases a bank of the embedded flash: move onto one first", isError: true)
                return
            }
            operation = .eraseBank(location.bank)
            question = "Erase bank \(location.bank) (\(layout.pagesPerBank) pages) with \(model.algorithm)?"
        case .massErase:
            operation = .massErase
            question = "Erase all \(layout.part.flashSize / 1024) KB of flash?"
        default:
            operation = .launch
            question = "Launch the option bytes (OBL_LAUNCH)?"
            details = launchDetails(model.machine)
        }
        if operation != .launch,
            let plan = try? model.machine.scratchCopy(tracing: false).planned(operation, model.algorithm)
        {
            details = OperationSummary.planLines(plan)
        }
        model.confirmation = PendingConfirmation(question: question, details: details, operation: operation)
    }

    /// A file was read: ask before programming it.
    static func confirmProgram(_ model: inout AppModel, file: LoadedFile) {
        model.loadedFile = file
        model.status = nil
        let operation = DeviceOperation.program(file)
        let start = file.image.bounds.map { hex($0.low) } ?? "?"
        var details: [String] = []
        if let plan = try? model.machine.scratchCopy(tracing: false).planned(operation, model.algorithm) {
            details = OperationSummary.planLines(plan)
        }
        model.confirmation = PendingConfirmation(
            question: "Program \(file.image.byteCount) bytes of \(file.name) at \(start)?", details: details,
            operation: operation)
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

    /// D and S stage one bit through the option bytes register sequence, without launching.
    static func toggleOption(_ model: inout AppModel, _ name: String) -> [AppEffect] {
        let pending = model.machine.controller.pending.value(of: name) ?? 0
        return execute(&model, .setOption(name: name, value: pending == 0 ? 1 : 0))
    }

    static func stepAction(_ model: inout AppModel, _ action: AppAction) -> [AppEffect] {
        guard var session = model.stepping else { return [] }
        switch action {
        case .step:
            session.seek(to: session.position + 1)
            if session.replayer.isFinished {
                model.status = StatusMessage("end of the operation: c commits it, x abandons it")
            }
        case .stepBack:
            session.seek(to: session.position - 1)
        case .continueToEnd:
            session.replayer.finish()
            let after = session.replayer.machine.state
            model.stepping = nil
            model.deferredReload = nil
            model.machine = Machine(state: after)
            model.status = OperationSummary.text(session.result, title: session.operation.title)
            return [
                .save(
                    OperationCommit(
                        result: session.result, command: session.operation.command(algorithm: model.algorithm),
                        before: session.replayer.before, after: after, trace: session.renderedTrace))
            ]
        default:
            abandon(&model)
            return []
        }
        model.stepping = session
        return []
    }

    static func abandon(_ model: inout AppModel) {
        guard let session = model.stepping else { return }
        model.stepping = nil
        if let state = model.deferredReload { model.machine = Machine(state: state) }
        model.deferredReload = nil
        model.status = StatusMessage("abandoned \(session.operation.title): nothing committed")
    }

    static func reload(_ model: inout AppModel, _ state: DeviceState, reason: ReloadReason) {
        if model.stepping != nil {
            model.deferredReload = state
            if reason == .external {
                model.status = StatusMessage("the device changed on disk; shown once stepping ends")
            }
            return
        }
        let changed = state != model.machine.state
        let note = UndoNote.protection(before: model.machine.state, after: state)
        if changed { model.machine = Machine(state: state) }
        switch reason {
        case .external where changed: model.status = StatusMessage("the device changed on disk: reloaded")
        case .undone(let ids):
            model.status = StatusMessage(
                "undid operation \(ids.map(String.init).joined(separator: ", "))" + (note.map { ": \($0)" } ?? ""))
        case .saveFailed, .external: break
        }
    }
}

extension Machine {
    /// What an operation would do, run on this (scratch) machine.
    fileprivate func planned(_ operation: DeviceOperation, _ algorithm: String) throws(EngineError) -> OperationResult {
        try operation.run(on: FlashEngine(machine: self), algorithm: algorithm)
    }
}
