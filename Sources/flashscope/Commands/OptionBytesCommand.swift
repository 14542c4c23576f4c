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
            print("field            effective   pending")
            for register in OptionRegister.allCases {
                let changed = state.effective[register] != state.pending[register]
                print(
                    pad(register.name, 16) + " " + pad(hex(state.effective[register]), 11) + " "
                        + hex(state.pending[register]) + (changed ? "  *" : ""))
                for field in OptionField.all where field.register == register {
                    let now = state.effective[field]
                    let later = state.pending[field]
                    print(
                        "  " + pad(field.name, 14) + " " + pad(display(now, field), 11) + " "
                            + display(later, field) + (now != later ? "  * pending" : ""))
                }
            }
            if state.effective != state.pending {
                print("pending values take effect with `flashscope ob launch`")
            }
        }

        private func display(_ value: UInt32, _ field: OptionField) -> String {
            field.width > 4 ? "0x" + String(value, radix: 16, uppercase: true) : String(value)
        }

        private func pad(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(0, width - text.count))
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Program option bytes; they stay pending until OBL_LAUNCH.",
            discussion: "Names are fields (DBANK=0, SWAP_BANK=1, WRP1A_PSTRT=0) or whole registers (OPTR=0x7FEFF8AA).")

        @OptionGroup var options: DeviceOptions

        @Argument(help: ArgumentHelp("Settings.", valueName: "name=value"))
        var settings: [String]

        @Flag(help: "Run OBL_LAUNCH afterwards, so the values take effect.")
        var launch = false

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
            let result = try session.engine.setOptions(parsed, launch: launch)
            try session.commit(result, command: commandLine)
            try finish(result, json: options.json)
        }
    }

    struct Launch: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run OBL_LAUNCH: pending option bytes take effect.")

        @OptionGroup var options: DeviceOptions

        func run() throws {
            let session = try DeviceSession(options)
            let result = session.engine.launchOptions()
            try session.commit(result, command: commandLine)
            try finish(result, json: options.json)
        }
    }
}
