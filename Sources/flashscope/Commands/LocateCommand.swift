import ArgumentParser
import DeviceStore
import FlashCore

struct LocateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locate",
        abstract: "Show the bank, page, PNB and BKER of an address under the current (or given) option bytes.",
        discussion: "The overrides work without a device file; without one the default part's factory state is used.")

    @OptionGroup var options: DeviceOptions

    @Argument(help: "The address (0x..., decimal, K/M suffixes).")
    var address: Number

    @Option(help: "Take DBANK as this value (0 or 1).")
    var dbank: UInt32?

    @Option(name: .customLong("swap-bank"), help: "Take SWAP_BANK as this value (0 or 1).")
    var swapBank: UInt32?

    @Option(help: "Take this part instead of the device's.")
    var part: String?

    @Option(name: .customLong("assume"), help: ArgumentHelp("Override a model assumption.", valueName: "name=value"))
    var assumptions: [String] = []

    func validate() throws {
        if let dbank, dbank > 1 { throw ValidationError("--dbank takes 0 or 1, not \(dbank)") }
        if let swapBank, swapBank > 1 { throw ValidationError("--swap-bank takes 0 or 1, not \(swapBank)") }
    }

    func run() throws {
        let needsDevice = part == nil || dbank == nil || swapBank == nil
        var state = needsDevice ? try options.stateIfAny() : DeviceState.factoryFresh(.defaultPart)
        if let part {
            guard let chosen = Part.named(part) else {
                throw CommandFailure(
                    "unknown part '\(part)' (known: \(Part.catalog.map(\.name).joined(separator: ", ")))",
                    status: ExitStatus.usage)
            }
            state.part = chosen
        }
        var optionBytes = state.effective
        if let dbank { optionBytes[field("DBANK")] = dbank }
        if let swapBank { optionBytes[field("SWAP_BANK")] = swapBank }
        for setting in assumptions {
            do { try state.assumptions.apply(setting) } catch {
                throw CommandFailure("--assume \(setting): \(error)", status: ExitStatus.usage)
            }
        }
        if FlashRegion.of(address.value) == .ospi {
            try locateOSPI(state)
            return
        }
        if FlashRegion.of(address.value) == .system {
            try locateSystem(state)
            return
        }
        let layout = FlashLayout(part: state.part, options: optionBytes, assumptions: state.assumptions)
        let location: FlashLocation
        do { location = try layout.locate(address.value) } catch {
            throw CommandFailure("\(error)", status: ExitStatus.badInput)
        }
        let security = LocationNotes.security(of: location, layout: layout, options: optionBytes)
        let route = security.route(trustZone: optionBytes.trustZone)
        let hideArea = LocationNotes.hideArea(of: location, layout: layout, options: optionBytes)
        if options.json {
            var object = JSONOutput.location(location) as? [String: Any] ?? [:]
            object["security"] = security.rawValue
            object["eraseRegisters"] = route
            if let hideArea { object["hideArea"] = hideArea }
            JSONOutput.print(object)
        } else {
            Self.describe(location, layout: layout, options: optionBytes, state: state)
        }
    }

    /// The human text of `locate` for an embedded-flash address (also `monitor locate` under `serve --gdb`).
    static func describe(
        _ location: FlashLocation, layout: FlashLayout, options optionBytes: OptionBytes, state: DeviceState,
        to emit: (String) -> Void = { print($0) }
    ) {
        let security = LocationNotes.security(of: location, layout: layout, options: optionBytes)
        let route = security.route(trustZone: optionBytes.trustZone)
        let hideArea = LocationNotes.hideArea(of: location, layout: layout, options: optionBytes)
        emit(
            "\(hex(location.address))  \(state.part.name), \(layout.dualBank ? "DBANK=1" : "DBANK=0"), SWAP_BANK=\(optionBytes.swapBank ? 1 : 0)"
        )
        emit("  bank \(location.bank) (physical bank \(location.physicalBank)), \(location.alias.rawValue) alias")
        if location.alias == .secure && !optionBytes.trustZone
            && state.assumptions.secureAliasWithoutTrustZone == .busError
        {
            emit(
                "  with TZEN=0 this alias answers nothing (secure-alias-without-tz=bus-error): use \(hex(FlashLayout.nonSecureTwin(location.address)))"
            )
        }
        emit(
            "  page \(hex(location.pageAddress))–\(hex(location.pageAddress + location.pageSize - 1)) (\(location.pageSize / 1024) KiB)"
        )
        emit("  controller: PNB=\(location.pnb) BKER=\(location.bker)")
        emit("  \(security.rawValue) page: erase through \(route)")
        if let hideArea {
            emit(
                "  in the bank \(hideArea) secure hide area: hidden (reads refused, WRPERR) once HDP\(hideArea)_ACCDIS is set"
            )
        }
    }

    private func locateSystem(_ state: DeviceState) throws {
        let location: SystemLocation
        do { location = try SystemArea.locate(address.value) } catch {
            throw CommandFailure("\(error)", status: ExitStatus.badInput)
        }
        if options.json {
            JSONOutput.print(LocationNotes.systemJSON(location))
        } else {
            let machine = Machine(state: state, tracing: false)
            print(LocationNotes.systemLines(location, machine: machine).joined(separator: "\n"))
        }
    }

    private func locateOSPI(_ state: DeviceState) throws {
        let location: OctoSPILocation
        do {
            location = try FlashEngine(machine: Machine(state: state, tracing: false)).locateOSPI(address.value)
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.badInput)
        }
        if options.json {
            JSONOutput.print(
                [
                    "address": hex(location.address), "region": "ospi", "sector": location.sector,
                    "sectorAddress": hex(location.sectorAddress), "sectorSize": Int(location.sectorSize),
                    "block": location.block, "blockAddress": hex(location.blockAddress),
                    "blockSize": Int(location.blockSize),
                    "pageAddress": hex(location.pageAddress), "pageSize": Int(location.pageSize),
                ] as [String: Any])
        } else {
            Self.describe(location)
        }
    }

    /// The human text of `locate` for an OCTOSPI address.
    static func describe(_ location: OctoSPILocation, to emit: (String) -> Void = { print($0) }) {
        emit("\(hex(location.address))  OCTOSPI flash (MX25LM51245G)")
        emit(
            "  sector \(location.sector): \(hex(location.sectorAddress))–\(hex(location.sectorAddress + location.sectorSize - 1)) (4 KiB)"
        )
        emit(
            "  block  \(location.block): \(hex(location.blockAddress))–\(hex(location.blockAddress + location.blockSize - 1)) (64 KiB)"
        )
        emit(
            "  page   \(hex(location.pageAddress))–\(hex(location.pageAddress + location.pageSize - 1)) (256 bytes)"
        )
    }

    private func field(_ name: String) -> OptionField {
        OptionField.optr.first { $0.name == name } ?? OptionField.optr[0]
    }
}
