import ArgumentParser
import DeviceStore
import FlashCore
import FlashEmulation

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Show the part, the flash layout and the model assumptions.")

    @OptionGroup var options: DeviceOptions

    func run() throws {
        let store = try options.openStore(.read)
        let state = try store.load()
        let layout = FlashLayout(part: state.part, options: state.effective, assumptions: state.assumptions)
        let assumptions = ModelAssumptions.specs.map { spec -> [String: Any] in
            [
                "name": spec.name, "value": spec.value(in: state.assumptions), "default": spec.defaultChoice,
                "choices": spec.choices, "question": spec.question, "rationale": spec.rationale,
            ]
        }
        let banks = (1...layout.bankCount).map { bank -> [String: Any] in
            [
                "bank": bank, "physicalBank": layout.physicalBank(forLogical: bank),
                "start": hex(layout.bankStart(bank)), "end": hex(layout.bankStart(bank) + layout.bankSize - 1),
                "pages": layout.pagesPerBank,
            ]
        }
        let machine = Machine(state: state, tracing: false)
        let boot = machine.boot
        let level = state.effective.readoutLevel
        let otpUsed = stride(from: 0, to: state.otp.count, by: 8).filter {
            state.otp[$0..<$0 + 8].contains { $0 != 0xFF }
        }.count
        let package = state.part.packageType
        let system: [String: Any] = [
            "uid": state.uid.description, "package": package.name, "packageCode": Int(package.code),
            "flashSizeKB": Int(state.part.flashSizeKiB), "idcode": hex(DBGMCUField.idcode),
            "otp": hex(SystemArea.otpBase), "otpDoubleWordsProgrammed": otpUsed,
        ]
        if options.json {
            JSONOutput.print(
                [
                    "device": store.path, "part": state.part.name, "flashSize": Int(state.part.flashSize),
                    "dualBank": layout.dualBank, "swapBank": layout.swapped, "pageSize": Int(layout.pageSize),
                    "banks": banks, "assumptions": assumptions,
                    "pendingDiffers": state.pending != state.effective,
                    "readoutProtection": ["level": level.name, "rdp": OptionField.rdp.text(level.code)],
                    "trustZone": state.effective.trustZone, "debugAccess": machine.debugAccess.rawValue,
                    "boot": JSONOutput.object(boot),
                    "system": system,
                ] as [String: Any])
            return
        }
        Self.describe(state, path: store.path)
    }

    /// What of the Cortex-M33 `serve` and the vendor algorithms run on, and what of it is not there.
    static var coreSummary: String {
        let host =
            Emulator.isAvailable
            ? "Cortex-M33 emulated on Unicorn (serve, vendor algorithms)"
            : "not emulated here: apt-get install libunicorn2 (serve's core then sleeps when resumed)"
        return host + "; not modelled: exception entry (a fault halts the core instead of taking HardFault), "
            + "NVIC interrupts, SysTick, MPU, SAU"
    }

    /// The human text of `info` (also `monitor info` under `serve --gdb`).
    static func describe(_ state: DeviceState, path: String, to emit: (String) -> Void = { print($0) }) {
        let layout = FlashLayout(part: state.part, options: state.effective, assumptions: state.assumptions)
        let machine = Machine(state: state, tracing: false)
        let boot = machine.boot
        let level = state.effective.readoutLevel
        let otpUsed = stride(from: 0, to: state.otp.count, by: 8).filter {
            state.otp[$0..<$0 + 8].contains { $0 != 0xFF }
        }.count
        let package = state.part.packageType
        emit("device   \(path)")
        emit("part     \(state.part.name): \(state.part.summary)")
        emit(
            "layout   \(layout.dualBank ? "dual bank" : "single bank"), \(layout.pageSize / 1024) KiB pages, "
                + "\(layout.pagesPerBank) pages per bank\(layout.swapped ? ", SWAP_BANK=1" : "")")
        for bank in 1...layout.bankCount {
            emit(
                "  bank \(bank)  \(hex(layout.bankStart(bank)))–\(hex(layout.bankStart(bank) + layout.bankSize - 1))"
                    + "  physical bank \(layout.physicalBank(forLogical: bank))")
        }
        emit(
            "options  OPTR \(hex(state.effective[.optr])), RDP \(level), TZEN=\(state.effective.trustZone ? 1 : 0)"
                + (state.pending != state.effective ? "  (pending changes: see `flashscope ob`)" : ""))
        emit("debug    \(DebugAccessText.describe(machine.debugAccess))")
        emit(
            "boot     \(hex(boot.selection.address)) from \(boot.selection.source.rawValue) (\(boot.selection.reason))")
        emit("         vector table: \(boot.vectors)")
        emit(
            "system   UID \(state.uid) (this device file's, made at init); package \(package.name) "
                + "(PKG 0x\(String(package.code, radix: 16, uppercase: true))); FLASH_SIZE \(state.part.flashSizeKiB) KiB"
        )
        emit(
            "         DBGMCU_IDCODE \(hex(DBGMCUField.idcode)) (DEV_ID 0x472, REV_ID 0x2000: revision B); OTP "
                + "\(hex(SystemArea.otpBase))–\(hex(SystemArea.otpBase + SystemArea.otpSize - 1)), "
                + "\(otpUsed) of \(SystemArea.otpSize / 8) double words programmed")
        emit("core     \(coreSummary)")
        emit("model assumptions (change with `flashscope assume NAME=VALUE`):")
        for spec in ModelAssumptions.specs {
            let value = spec.value(in: state.assumptions)
            let marker = value == spec.defaultChoice ? "" : "  (default: \(spec.defaultChoice))"
            emit("  \(spec.name) = \(value)\(marker)")
            emit("      \(spec.question) [\(spec.choices.joined(separator: " | "))]")
            emit("      why the default: \(spec.rationale)")
        }
    }
}
