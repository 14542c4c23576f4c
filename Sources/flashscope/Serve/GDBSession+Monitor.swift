import DebugPort
import FlashCore
import GDBRemote

/// `monitor ...` (qRcmd): each prints what the command line prints for the same request,
/// through the same formatting functions, as console output; then OK.
extension GDBSession {
    static let monitorHelp = [
        "monitor help                 this list",
        "monitor ob                   option bytes, effective and pending (as `flashscope ob`)",
        "monitor ob set NAME=VALUE... stage option bytes (as `flashscope ob set`)",
        "monitor ob launch            OBL_LAUNCH: they take effect under a system reset",
        "monitor locate ADDRESS       bank, page, PNB and BKER of an address (as `flashscope locate`)",
        "monitor reset [halt]         system reset; with halt, the core stops at the reset vector",
        "monitor algorithm [NAME]     the flash algorithm `load` uses: "
            + FlashEngine.algorithmNames.joined(separator: ", "),
        "monitor result               what the last load or option change did (as `flashscope program` prints it)",
        "monitor trace [N]            the last N bus accesses (default 20) since the last save",
        "monitor info                 part, layout and model assumptions (as `flashscope info`)",
    ]

    func monitor(_ line: String) {
        let words = line.split(separator: " ").map(String.init)
        var lines: [String] = []
        let emit: (String) -> Void = { lines.append($0) }
        var closeAfter: String?
        switch words.first ?? "help" {
        case "help": lines = Self.monitorHelp
        case "ob": closeAfter = optionBytes(Array(words.dropFirst()), emit)
        case "locate": locate(words.dropFirst().first, emit)
        case "reset": reset(halt: words.dropFirst().first == "halt", emit)
        case "algorithm": chooseAlgorithm(words.dropFirst().first, emit)
        case "result":
            if let lastResult { emit(ResultText.render(lastResult)) } else { emit("no operation yet in this session") }
        case "trace": trace(words.dropFirst().first, emit)
        case "info": InfoCommand.describe(target.machine.state, path: journal.devicePath, to: emit)
        default: emit("unknown monitor command '\(words[0])'; `monitor help` lists them")
        }
        flushConsole()
        for line in lines { console(line + "\n") }
        send("OK")
        if let closeAfter { close(closeAfter) }
    }

    private func optionBytes(_ arguments: [String], _ emit: (String) -> Void) -> String? {
        let machine = target.machine
        guard let verb = arguments.first else {
            OptionBytesCommand.Show.describe(machine.state, to: emit)
            return nil
        }
        let engine = FlashEngine(machine: machine)
        let result: OperationResult
        switch verb {
        case "set":
            var settings: [(name: String, value: UInt32)] = []
            for setting in arguments.dropFirst() {
                let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let value = Number.parse(parts[1]) else {
                    emit("ob set: '\(setting)' is not NAME=VALUE")
                    return nil
                }
                settings.append((parts[0], value))
            }
            guard !settings.isEmpty else {
                emit("ob set: give NAME=VALUE (for example DBANK=0)")
                return nil
            }
            var staged = machine.controller.pending
            do { try staged.apply(settings, part: machine.part, assumptions: machine.controller.assumptions) } catch {
                emit("ob set: \(EngineError.badOption(error))")
                return nil
            }
            // RDP level 2 is for good on silicon; the command line wants --force, so here it is refused.
            if staged.readoutLevel == .level2 && machine.controller.pending.readoutLevel != .level2 {
                emit("ob set: RDP level 2 is permanent on a real STM32L5; stage it with `flashscope ob set --force`")
                return nil
            }
            do { result = try engine.setOptions(settings, launch: false) } catch {
                emit("ob set: \(error)")
                return nil
            }
        case "launch": result = engine.launchOptions()
        default:
            emit("ob: unknown '\(verb)' (ob, ob set NAME=VALUE..., ob launch)")
            return nil
        }
        record(result, command: "monitor ob \(arguments.joined(separator: " "))")
        emit(ResultText.render(result))
        target.followSystemResets()
        guard layoutChanged else { return nil }
        emit(
            "flashscope: the chip reset and the flash layout changed (\(machine.layout.dualBank ? "DBANK=1" : "DBANK=0"), "
                + "\(machine.layout.pageSize / 1024) KiB blocks); gdb reads the memory map once per connection, so "
                + "this connection ends now: `disconnect`, then `target extended-remote` again for the new map")
        return "the flash layout changed under OBL_LAUNCH (gdb must reconnect for the new memory map)"
    }

    /// Journals an operation run for the client and keeps it for `monitor result`.
    func record(_ result: OperationResult, command: String) {
        saveWaitingRecord()
        lastResult = result
        lastTrace = target.machine.renderedTrace()
        do { try journal.save(result, command: command) } catch { log("cannot save the device: \(error)") }
    }

    /// Journals it once gdb has gone quiet (`quietSpell` without a packet), or at disconnect or
    /// stop: gdb's `load` and the packets after it (pc, detach) do not wait for the device file.
    /// Nothing else is saved before it.
    func recordAfterReply(_ result: OperationResult, command: String) {
        lastResult = result
        unsaved = (result, command)
    }

    /// The journal entry that waited for the reply, if any.
    func saveWaitingRecord() {
        guard let (result, command) = unsaved else { return }
        unsaved = nil
        record(result, command: command)
    }

    private func locate(_ text: String?, _ emit: (String) -> Void) {
        guard let text, let address = Number.parse(text) else {
            return emit("locate: give an ADDRESS (0x..., decimal)")
        }
        let machine = target.machine
        let state = machine.state
        switch FlashRegion.of(address) {
        case .ospi:
            do { LocateCommand.describe(try FlashEngine(machine: machine).locateOSPI(address), to: emit) } catch {
                emit("\(error)")
            }
        case .system:
            do { LocationNotes.systemLines(try SystemArea.locate(address), machine: machine).forEach(emit) } catch {
                emit("\(error)")
            }
        default:
            do {
                let location = try machine.layout.locate(address)
                LocateCommand.describe(
                    location, layout: machine.layout, options: state.effective, state: state, to: emit)
            } catch {
                emit("\(error)")
            }
        }
    }

    private func reset(halt: Bool, _ emit: (String) -> Void) {
        target.systemReset()
        if halt { target.core.debuggerHalt() }
        let pc = target.core.registers.programCounter
        emit(
            "system reset: boot from \(hex(target.machine.bootSelection.address)), PC \(hex(pc))"
                + (halt ? ", halted" : ", running (interrupt with Ctrl-C)"))
    }

    private func chooseAlgorithm(_ name: String?, _ emit: (String) -> Void) {
        guard let name else {
            let current = vendor == nil ? algorithm : "the --algorithm-file algorithm"
            return emit("load uses \(current) (known: \(FlashEngine.algorithmNames.joined(separator: ", ")))")
        }
        guard FlashEngine.algorithmNames.contains(name) else {
            return emit("no algorithm named '\(name)' (known: \(FlashEngine.algorithmNames.joined(separator: ", ")))")
        }
        algorithm = name
        vendor = nil
        emit("load uses \(name)")
        if let warning = geometryWarning(name) { emit(warning) }
    }

    /// An algorithm with a fixed geometry on a layout that is not that geometry: said at once, in
    /// the monitor reply, since gdb shows nothing the server says during `load` itself.
    private func geometryWarning(_ name: String) -> String? {
        let layout = target.machine.layout
        let pages = "\(layout.pageSize / 1024) KiB pages"
        switch InternalFlashAlgorithm.Geometry(rawValue: name) {
        case .assumeDualBank where layout.pageSize != 2048 || !layout.dualBank:
            return "warning: this chip runs single bank (DBANK=0, \(pages)); assume-dual-bank numbers 2 KiB "
                + "pages per bank, so `load` erases pages other than the ones it programs, and programming "
                + "fails (the pitfall); `monitor result` explains what happened"
        case .assumeSingleBank where layout.pageSize != 4096 || layout.dualBank:
            return "warning: this chip runs dual bank (DBANK=1, \(pages)); assume-single-bank numbers 4 KiB "
                + "pages with BKER=0, so `load` erases pages other than the ones it programs (the pitfall); "
                + "`monitor result` explains what happened"
        default: return nil
        }
    }

    private func trace(_ text: String?, _ emit: (String) -> Void) {
        let count = text.flatMap { Int($0) } ?? 20
        guard count > 0 else { return emit("trace: give a positive count") }
        let entries = lastTrace + target.machine.renderedTrace()
        let shown = Array(entries.suffix(count))
        TraceText.printEntries(shown, kept: shown.count, total: shown.count, to: emit)
    }
}
