import FlashCore
import TerminalKit

/// The one-line prompts: go to, find, program (file, then address) and option edits.
extension App {
    static func openPrompt(
        _ model: inout AppModel, _ purpose: ActivePrompt.Purpose, label: String, text: String = "", hint: String? = nil
    ) {
        model.prompt = ActivePrompt(purpose: purpose, state: PromptState(label: label, text: text, hint: hint))
    }

    static func handlePromptKey(_ model: inout AppModel, _ key: Key) -> [AppEffect] {
        guard var prompt = model.prompt else { return [] }
        if key == .tab, prompt.purpose.takesFileName {
            return [.listDirectory(prefix: prompt.state.text)]
        }
        switch prompt.state.handle(key) {
        case .editing:
            model.prompt = prompt
        case .cancelled:
            model.prompt = nil
        case .submitted(let text):
            model.prompt = nil
            switch submit(&model, prompt.purpose, text.trimmingWhitespace) {
            case .accepted(let effects):
                return effects
            case .rejected(let error):
                prompt.state.error = error
                model.prompt = prompt
            }
        }
        return []
    }

    /// What a submitted prompt led to: the effects to run, or an error shown under it (the prompt stays open).
    enum Submission {
        case accepted([AppEffect])
        case rejected(String)
    }

    private static func submit(_ model: inout AppModel, _ purpose: ActivePrompt.Purpose, _ text: String) -> Submission {
        switch purpose {
        case .goTo:
            guard let address = NumberText.parse(text) else { return .rejected("not a number: \(text)") }
            if let error = whyNotInFlash(model, address) { return .rejected(error) }
            model.jumpedFrom = model.cursor
            model.cursor = FlashRegion.of(address) == .flash ? FlashLayout.nonSecureTwin(address) : address
        case .search:
            let pattern: ByteSearch.Pattern
            do throws(ByteSearch.PatternError) { pattern = try ByteSearch.Pattern(parsing: text) } catch {
                return .rejected(error.description)
            }
            model.search = pattern
            findAgain(&model, forward: true)
        case .programFile:
            guard !text.isEmpty else { return .rejected("type a file name") }
            // The file is checked first: a missing one is said before anything else is asked.
            model.status = StatusMessage("checking \(text)…")
            return .accepted([.inspectFile(path: text)])
        case .programAddress(let path):
            guard let address = NumberText.parse(text) else { return .rejected("not a number: \(text)") }
            if let error = whyNotInFlash(model, address) { return .rejected(error) }
            model.status = StatusMessage("reading \(path)…")
            return .accepted([.loadImage(path: path, address: address)])
        case .saveRange:
            if let error = chooseSaveRange(&model, text) { return .rejected(error) }
        case .saveFile(let start, let count, let replacing):
            guard !text.isEmpty else { return .rejected("type a file name (.bin, .hex or .srec)") }
            return saveRange(&model, start: start, count: count, to: text, replacing: replacing == text)
        case .stepCount:
            guard let count = NumberText.parse(text), count > 0 else {
                return .rejected("a number of accesses: \(text)")
            }
            runAccesses(&model, Int(count))
        case .editOption(let name):
            guard let field = OptionField.named(name) else { return .rejected("no option field \(name)") }
            guard let value = NumberText.parse(text) else { return .rejected("not a number: \(text)") }
            // Checked as the engine will stage it: a page typed as an address under the pending layout.
            let machine = model.shownMachine
            var staged = machine.controller.pending
            do throws(OptionBytesError) {
                _ = try staged.apply([(name, value)], part: machine.part, assumptions: machine.controller.assumptions)
            } catch {
                return .rejected(error.description)
            }
            if let warning = levelTwoConfirmation(model, field, value) {
                model.confirmation = warning
                return .accepted([])
            }
            let operation = DeviceOperation.setOption(name: name, value: value)
            return .accepted(
                model.attached != nil ? confirmOnChip(&model, operation) : execute(&model, operation))
        }
        return .accepted([])
    }

    static let programFileLabel = "File to program (HEX, S-record, ELF or binary; ~ is home; Tab completes)"

    /// The file exists: HEX, S-record and ELF files say where they go, so only a binary one asks
    /// for an address (the cursor's page or sector, to start with).
    static func fileInspected(_ model: inout AppModel, path: String, isBinary: Bool) -> [AppEffect] {
        guard isBinary else {
            model.status = StatusMessage("reading \(path)…")
            return [.loadImage(path: path, address: 0)]
        }
        let start =
            model.ospiLocation.map { hex($0.sectorAddress) }
            ?? model.cursorLocation.map { hex($0.pageAddress) } ?? hex(FlashLayout.nonSecureBase)
        model.status = nil
        openPrompt(&model, .programAddress(path: path), label: "Address for the binary file \(path)", text: start)
        return []
    }

    /// Why an address is in neither flash, or nil when it is in one.
    static func whyNotInFlash(_ model: AppModel, _ address: UInt32) -> String? {
        if FlashRegion.of(address) == .system {
            do { _ = try SystemArea.locate(address) } catch { return error.description }
            return nil
        }
        if FlashRegion.of(address) == .ospi {
            guard let geometry = model.shownMachine.ospi?.flash.geometry else {
                return "\(model.shownMachine.part.name) has no OCTOSPI flash"
            }
            do { _ = try OctoSPILocation.locate(address, geometry: geometry) } catch { return error.description }
            return nil
        }
        do { _ = try model.shownMachine.layout.locate(address) } catch { return error.description }
        return nil
    }

    /// Enter on the option bytes panel: edit the selected field's pending value (an address for
    /// the boot address fields, as STM32CubeProgrammer takes it; a page number or an address in
    /// the field's bank for the page fields, the hint showing the page's addresses).
    static func openOptionEditor(_ model: inout AppModel) {
        guard model.focus == .options, optionFields.indices.contains(model.optionRow) else { return }
        let field = optionFields[model.optionRow]
        let current = model.shownMachine.controller.pending[field]
        let range: String
        switch field.kind {
        case .address: range = "an address, a multiple of 0x80"
        case .code: range = "0xAA level 0, 0xCC level 2 (permanent), else level 1"
        case .page: range = "page 0 to \(field.maxValue), or an address: the page holding it"
        case .flag, .number: range = "0 to \(field.maxValue)"
        }
        openPrompt(
            &model, .editOption(field: field.name), label: "Pending \(field.name) (\(range))",
            text: field.typedText(current), hint: pageHint(model, field, current))
    }

    /// `page 127 = 0x0803F800–0x0803FFFF of bank 1, as the pending DBANK=1 numbers pages` for a page field.
    private static func pageHint(_ model: AppModel, _ field: OptionField, _ page: UInt32) -> String? {
        guard field.kind == .page, let bank = OptionPageArea.bank(numberedBy: field) else { return nil }
        let machine = model.shownMachine
        let layout = FlashLayout(
            part: machine.part, options: machine.controller.pending, assumptions: machine.controller.assumptions)
        let physical = layout.dualBank ? bank : 1
        let numbering = "as the pending \(layout.modeText) numbers pages"
        guard let first = layout.page(physicalBank: physical, pnb: Int(page)) else {
            return "page \(page) is past the end of bank \(physical) (\(layout.pagesPerBank) pages, \(numbering))"
        }
        return "page \(page) = \(hex(first.address))–\(hex(first.address + first.size - 1)) of bank \(physical), "
            + numbering
    }

    /// Staging RDP level 2 asks first, loudly: on a real part it can never be undone.
    private static func levelTwoConfirmation(_ model: AppModel, _ field: OptionField, _ value: UInt32)
        -> PendingConfirmation?
    {
        let pending = model.shownMachine.controller.pending
        var target = pending
        guard field == .rdp,
            (try? target.apply(
                [(field.name, value)], part: model.shownMachine.part,
                assumptions: model.shownMachine.controller.assumptions)) != nil, target.readoutLevel == .level2,
            pending.readoutLevel != .level2
        else { return nil }
        return PendingConfirmation(
            question: "Stage RDP level 2 (0xCC)?",
            details: [
                "On a real STM32L5 level 2 can NEVER be undone: after OBL_LAUNCH the option bytes",
                "are frozen and the debug port is disabled for good.",
                "Here `u` (undo) restores the state before: the simulator's time machine, not silicon.",
            ], operation: .setOption(name: field.name, value: value), irreversible: true)
    }

    /// Tab in the file prompt: the runner listed the directory; complete against it.
    static func completeFileName(_ model: inout AppModel, prefix: String, entries: [String]) {
        guard var prompt = model.prompt, prompt.purpose.takesFileName, prompt.state.text == prefix else { return }
        prompt.state.candidates = entries
        prompt.state.complete()
        model.prompt = prompt
    }
}
