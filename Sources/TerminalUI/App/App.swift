import FlashCore
import TerminalKit

/// The FlashScope terminal UI as Model / Msg / update / view (Bubble Tea's shape):
/// `update` is the only mutator and returns effects for the runner; `view` is pure.
package enum App {
    /// Applies one message to the model and says what the runner must do.
    package static func update(_ model: inout AppModel, _ msg: AppMsg) -> [AppEffect] {
        let effects: [AppEffect]
        switch msg {
        case .key(let key):
            effects = handleKey(&model, key)
        case .mouse(let event):
            handleMouse(&model, event)
            effects = []
        case .resize(let size):
            model.size = size
            effects = []
        case .deviceReloaded(let state, let reason):
            reload(&model, state, reason: reason)
            effects = []
        case .effectFailed(let text):
            model.status = StatusMessage(text, isError: true)
            effects = []
        case .directoryListed(let prefix, let entries):
            completeFileName(&model, prefix: prefix, entries: entries)
            effects = []
        case .fileInspected(let path, let isBinary):
            effects = fileInspected(&model, path: path, isBinary: isBinary)
        case .fileRejected(let typed, let reason):
            openPrompt(&model, .programFile, label: programFileLabel, text: typed)
            model.prompt?.state.error = reason
            effects = []
        case .historyLoaded(let lines):
            model.history = lines
            effects = []
        case .imageLoaded(let path, let image):
            effects = confirmProgram(&model, file: LoadedFile(name: path, image: image))
        case .fileSaved(let path, let bytes, let format):
            fileSaved(&model, path: path, bytes: bytes, format: format)
            effects = []
        case .fileNotSaved(let typed, let reason, let exists):
            fileNotSaved(&model, typed: typed, reason: reason, exists: exists)
            effects = []
        case .operationProgress(let id, let done, let total):
            progress(&model, id: id, done: done, total: total)
            effects = []
        case .operationFinished(let id, let outcome):
            effects = finish(&model, id: id, outcome)
        case .comparisonFinished(let id, let outcome):
            compared(&model, id: id, outcome)
            effects = []
        case .served(let event):
            served(&model, event)
            effects = []
        case .attached(let event):
            attached(&model, event)
            effects = []
        }
        refreshDerived(&model)
        let dropped = dropStaleComparison(&model)
        // A key that asked the reader for the page in view already said what lookAt would.
        return effects + dropped + lookAt(&model).filter { !effects.contains($0) }
    }

    /// The key table in force: stepping and a running operation have their own.
    package static func keyTable(for model: AppModel) -> KeyTable<AppAction> {
        // Served, only a comparison runs: Esc cancels it there too.
        if model.running != nil { return AppKeys.running }
        if let attached = model.attached { return attached.live ? AppKeys.attachedLive : AppKeys.attached }
        if let served = model.served { return served.isHeld ? AppKeys.clientHeld : AppKeys.served }
        return model.stepping == nil ? AppKeys.normal : AppKeys.stepping
    }

    /// Keys go to the prompt, then the confirmation, then the help overlay, then the key table.
    static func handleKey(_ model: inout AppModel, _ key: Key) -> [AppEffect] {
        if model.prompt != nil { return handlePromptKey(&model, key) }
        if let confirmation = model.confirmation {
            switch ConfirmWidget.decision(
                for: key, irreversible: confirmation.irreversible, warned: !confirmation.warnings.isEmpty,
                armed: confirmation.armed)
            {
            case .armed:
                model.confirmation?.armed = true
            case .confirmed:
                model.confirmation = nil
                return execute(&model, confirmation.operation)
            case .cancelled:
                model.confirmation = nil
                model.status = StatusMessage("cancelled: \(confirmation.operation.title)")
            case nil:
                if confirmation.irreversible && key == .char("y") {
                    model.status = StatusMessage(
                        "this one needs a capital Y (shift-y); n or Esc cancels", isError: true)
                }
            }
            return []
        }
        if model.logViewer != nil { return handleLogViewerKey(&model, key) }
        if model.diffView != nil { return handleDiffViewKey(&model, key) }
        if model.pendingMark != nil { return handleMarkKey(&model, key) }
        if let top = model.helpTop {
            switch key {
            case .escape, .char("?"): model.helpTop = nil
            case .up, .char("k"): model.helpTop = max(0, top - 1)
            case .down, .char("j"): model.helpTop = top + 1
            case .char("q"): return perform(&model, .quit)
            default: break
            }
            return []
        }
        if key == .escape && model.running == nil {
            model.status = nil
            return []
        }
        guard let action = keyTable(for: model).action(for: key) else {
            if refuseWhileServed(&model, key) || refuseWhileAttached(&model, key) { return [] }
            // A key typed ahead during an operation is not kept for later: say why it did nothing.
            if let running = model.running, AppKeys.normal.action(for: key) != nil {
                model.status = StatusMessage("\(running.title) is still running: wait for it, or Esc cancels it")
            }
            return []
        }
        model.status = nil
        return perform(&model, action)
    }

    static func perform(_ model: inout AppModel, _ action: AppAction) -> [AppEffect] {
        switch action {
        case .help: model.helpTop = 0
        case .logViewer: return openLogViewer(&model)
        case .quit:
            if model.stepping != nil { abandon(&model) }
            // Quitting mid-operation cancels it first: the device stays as it was.
            let cancel = model.running != nil ? cancelRunning(&model) : []
            model.quitRequested = true
            return cancel + [.quit]
        case .cancelOperation: return cancelRunning(&model)
        case .nextPane, .previousPane: cycleFocus(&model, forward: action == .nextPane)
        case .up, .down, .left, .right, .pageUp, .pageDown: move(&model, action)
        case .home, .end: jump(&model, toEnd: action == .end)
        case .last: jumpToLast(&model)
        case .zoomIn, .zoomOut: zoom(&model, inward: action == .zoomIn)
        case .switchFlash: switchFlash(&model)
        case .edit: openOptionEditor(&model)
        case .goTo: openPrompt(&model, .goTo, label: "Go to address")
        case .search:
            openPrompt(&model, .search, label: "Find: hex bytes (de ad be ef), a word as stored (0xDEADBEEF), \"text\"")
        case .nextMatch, .previousMatch: findAgain(&model, forward: action == .nextMatch)
        case .nextDifference, .previousDifference: findDifference(&model, forward: action == .nextDifference)
        case .cycleAlgorithm: cycleAlgorithm(&model)
        case .nextProgrammed, .previousProgrammed:
            jumpToRegion(&model, erased: false, forward: action == .nextProgrammed)
        case .nextErased, .previousErased: jumpToRegion(&model, erased: true, forward: action == .nextErased)
        case .saveRange: openSaveRange(&model)
        case .verify: return startComparison(&model, .verify)
        case .diffView: return startComparison(&model, .diff)
        case .setMark: beginMark(&model, .set)
        case .jumpToMark: beginMark(&model, .jump)
        case .toggleStepMode:
            model.stepArmed.toggle()
            model.status = StatusMessage(
                model.stepArmed
                    ? "step mode on: the next operation is stepped access by access"
                    : "step mode off")
        case .erasePage, .eraseBank, .massErase, .launch: return askToConfirm(&model, action)
        case .program: openPrompt(&model, .programFile, label: programFileLabel)
        case .toggleDualBank: return toggleOption(&model, "DBANK")
        case .toggleSwapBank: return toggleOption(&model, "SWAP_BANK")
        case .undo:
            model.status = StatusMessage("undoing the last operation…")
            return [.undo]
        case .redo:
            model.status = StatusMessage("redoing the operation undone last…")
            return [.redo]
        case .step, .stepBack, .continueToEnd, .abandon: return stepAction(&model, action)
        case .runToStart: runTo(&model, .start)
        case .runToCall: runTo(&model, .call)
        case .runToError: runTo(&model, .error)
        case .runAccesses: openPrompt(&model, .stepCount, label: "Replay how many accesses")
        case .toggleClientHold, .stepClient, .continueClient: return clientAction(&model, action)
        case .refreshBoard: return refreshBoard(&model)
        }
        return []
    }

    private static func cycleFocus(_ model: inout AppModel, forward: Bool) {
        let panes = AppModel.Pane.allCases
        let index = panes.firstIndex(of: model.focus) ?? 0
        model.focus = panes[(index + (forward ? 1 : panes.count - 1)) % panes.count]
    }

    private static func cycleAlgorithm(_ model: inout AppModel) {
        let names = FlashEngine.algorithmNames + model.offeredAlgorithms
        let index = names.firstIndex(of: model.algorithm) ?? 0
        model.algorithm = names[(index + 1) % names.count]
        model.status = StatusMessage("erase and program now use \(model.algorithm)")
    }
}
