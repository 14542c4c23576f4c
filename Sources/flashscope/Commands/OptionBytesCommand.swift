import ArgumentParser
import DeviceStore
import FlashCore

struct OptionBytesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ob", abstract: "Show, stage and launch option bytes.",
        subcommands: [Show.self, Set.self, Launch.self], defaultSubcommand: Show.self)

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show effective and pending option bytes.")

        @OptionGroup var options: DeviceOptions

        func run() throws {
            let state = try options.openStore(.read).load()
            if options.json {
                JSONOutput.print([
                    "effective": JSONOutput.options(state.effective), "pending": JSONOutput.options(state.pending),
                ])
                return
            }
            Self.describe(state)
        }

        /// The human text of `ob` (also `monitor ob` under `serve --gdb`).
        static func describe(_ state: DeviceState, to emit: (String) -> Void = { print($0) }) {
            emit("field            effective   pending")
            for register in OptionRegister.allCases {
                let changed = state.effective[register] != state.pending[register]
                emit(
                    pad(register.name, 16) + " " + pad(hex(state.effective[register]), 11) + " "
                        + hex(state.pending[register]) + (changed ? "  *" : ""))
                for field in OptionField.all where field.register == register {
                    let now = state.effective[field]
                    let later = state.pending[field]
                    emit(
                        "  " + pad(field.name, 14) + " " + pad(field.text(now), 11) + " " + field.text(later)
                            + (now != later ? "  * pending" : ""))
                }
            }
            emit("")
            for line in OptionSummary.lines(state) { emit(line) }
            if state.effective != state.pending {
                emit("pending values take effect with `flashscope ob launch`")
            }
        }

        private static func pad(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(0, width - text.count))
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Program option bytes; they stay pending until OBL_LAUNCH.",
            discussion:
                "Names are fields (DBANK=0, SWAP_BANK=1, WRP1A_PSTRT=0) or whole registers (OPTR=0x7FEFF8AA). "
                + "Boot address fields take the address (NSBOOTADD0=0x08000000, a multiple of 0x80). "
                + "Page fields (WRPxy_PSTRT/PEND, SECWMx_PSTRT/PEND, HDPx_PEND) take a page number (0-127) or a "
                + "flash address in the field's bank, which means the page holding it, as the pending option "
                + "bytes number pages once these settings are in (a DBANK in the same command counts); an end "
                + "field's area then ends with that page's last byte. "
                + "RDP=0xCC (level 2) is permanent on a real part and needs --force.")

        @OptionGroup var options: DeviceOptions

        @Argument(help: ArgumentHelp("Settings.", valueName: "name=value"))
        var settings: [String]

        @Flag(help: "Run OBL_LAUNCH afterwards, so the values take effect.")
        var launch = false

        @Flag(help: "Stage RDP level 2 (0xCC), which on a real STM32L5 can never be undone.")
        var force = false

        func run() throws {
            var parsed: [(name: String, value: UInt32)] = []
            for setting in settings {
                let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else {
                    throw CommandFailure("'\(setting)' is not NAME=VALUE", status: ExitStatus.usage)
                }
                guard let value = Number.parse(parts[1]) else {
                    throw CommandFailure("\(parts[0]): '\(parts[1])' is not a number", status: ExitStatus.badInput)
                }
                parsed.append((parts[0], value))
            }
            let session = try DeviceSession(options)
            let notes = try confirmLevelTwo(parsed, machine: session.machine)
            let result = try session.engine.setOptions(parsed, launch: launch)
            try session.commit(result, command: commandLine)
            // What each flash address typed for a page field was read as.
            if !options.json { for note in notes { print(note) } }
            try finish(result, json: options.json)
        }

        /// Staging RDP level 2 is refused without --force, and warned about loudly with it. Returns
        /// what the addresses typed for page fields were read as.
        private func confirmLevelTwo(_ settings: [(name: String, value: UInt32)], machine: Machine) throws -> [String] {
            let pending = machine.controller.pending
            var target = pending
            let notes: [String]
            do {
                notes = try target.apply(settings, part: machine.part, assumptions: machine.controller.assumptions)
            } catch { throw CommandFailure(EngineError.badOption(error)) }
            guard target.readoutLevel == .level2, pending.readoutLevel != .level2 else { return notes }
            let consequence =
                "RDP=0xCC stages RDP level 2, which on a real STM32L5 can never be undone: the option bytes "
                + "freeze and the debug port is disabled for good"
            guard force else {
                throw CommandFailure(
                    "ob set: \(consequence). Add --force to stage it (in the simulator, `flashscope undo` restores "
                        + "the state before)", status: ExitStatus.usage)
            }
            printError("WARNING: \(consequence); staging it because of --force")
            return notes
        }
    }

    struct Launch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run OBL_LAUNCH: pending option bytes take effect under a system reset.")

        @OptionGroup var options: DeviceOptions

        func run() throws {
            let session = try DeviceSession(options)
            let result = session.engine.launchOptions()
            try session.commit(result, command: commandLine)
            try finish(result, json: options.json)
        }
    }
}

/// The lines under the `ob` table: protection, boot and the secure areas in words.
enum OptionSummary {
    static func lines(_ state: DeviceState) -> [String] {
        let effective = state.effective
        let pending = state.pending
        var lines: [String] = []
        var rdp = "RDP        \(effective.readoutLevel)"
        if pending.readoutLevel != effective.readoutLevel {
            rdp += "; pending \(pending.readoutLevel)"
            if pending.readoutLevel == .level2 { rdp += " (PERMANENT on a real part)" }
        }
        lines.append(rdp)
        var tzen = "TZEN       \(effective.trustZone ? 1 : 0) (TrustZone \(effective.trustZone ? "on" : "off"))"
        if pending.trustZone != effective.trustZone { tzen += "; pending \(pending.trustZone ? 1 : 0)" }
        lines.append(tzen)
        let machine = Machine(state: state, tracing: false)
        let boot = machine.boot
        lines.append(
            "boot       \(hex(boot.selection.address)) from \(boot.selection.source.rawValue): \(boot.vectors)")
        let layout = machine.layout
        var areas: [String] = []
        for bank in 1...2 {
            guard let pages = effective.secureWatermarkPages(bank: bank) else {
                areas.append("bank \(bank) none")
                continue
            }
            var text = "bank \(bank) pages \(pages.lowerBound)–\(pages.upperBound)"
            if layout.dualBank, let first = layout.page(physicalBank: bank, pnb: pages.lowerBound),
                let last = layout.page(physicalBank: bank, pnb: pages.upperBound)
            {
                text += " (\(hex(first.address))–\(hex(last.address + last.size - 1)))"
            }
            areas.append(text)
        }
        lines.append(
            "secure     watermarks \(areas.joined(separator: ", "))"
                + (effective.trustZone ? "" : " (apply only with TZEN=1)"))
        return lines
    }
}
