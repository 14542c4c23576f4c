import ArgumentParser
import DeviceStore
import FlashCore
import Foundation

struct ImportDumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-dump",
        abstract:
            "Load a raw dump read off a real chip (STM32CubeProgrammer -r, J-Link savebin), as one undoable operation.")

    @OptionGroup var options: DeviceOptions

    @Argument(help: "The raw dump.")
    var file: String

    @Option(help: "Where the dump was read from: the embedded flash (0x08000000) or the OCTOSPI flash (0x90000000).")
    var address: Number

    @Option(help: "The chip's FLASH_OPTR, so the dump lands in the right banks.")
    var optr: Number?

    func run() throws {
        // The same reader as `program`: regular files only, so a FIFO or /dev/zero cannot hang it.
        let data = try ImageFiles.read(file, format: .binary, address: address.value).segments.first?.bytes ?? []
        let store = try options.openStore()
        let current = try store.load()
        var state = current
        if let optr {
            state.effective[.optr] = optr.value
            state.pending[.optr] = optr.value
        }
        let changes: DeviceChanges
        if FlashRegion.of(address.value) == .ospi {
            changes = DeviceChanges(flashChunks: [], ospiSectors: try importOctoSPI(data, into: &state))
        } else {
            try importEmbedded(data, into: &state)
            changes = DeviceChanges(flashChunks: nil, ospiSectors: [])
        }
        // What --optr changed, in the words of every other option change.
        let options = OptionChange.between(current.effective, state.effective, staged: false)
        let summary =
            "imported \(data.count) bytes at \(hex(address.value))"
            + (options.isEmpty ? "" : "; \(OptionChange.summary(options))")
        let record = OperationRecord(
            kind: "import", command: commandLine, status: "ok", summary: summary, resultJSON: "{}", trace: [],
            traceTotal: 0)
        try store.save(state, changes: changes, operation: record)
        if self.options.json {
            JSONOutput.print(
                [
                    "imported": data.count, "address": hex(address.value),
                    "options": options.map {
                        [
                            "field": $0.field, "before": OptionChange.display($0.before, $0.field),
                            "after": OptionChange.display($0.after, $0.field),
                        ]
                    },
                ] as [String: Any])
        } else {
            print("imported \(data.count) bytes at \(hex(address.value))")
            for change in options { print("  option    \(change.text)") }
            if optr != nil, options.isEmpty { print("  option    OPTR unchanged (\(hex(current.effective[.optr])))") }
        }
    }

    /// The dump over the embedded flash, byte by byte through the layout --optr gives.
    private func importEmbedded(_ data: [UInt8], into state: inout DeviceState) throws {
        let layout = FlashLayout(part: state.part, options: state.effective, assumptions: state.assumptions)
        for (index, byte) in data.enumerated() {
            let address = self.address.value &+ UInt32(index)
            guard let location = try? layout.locate(address) else {
                throw CommandFailure(
                    "\(file): byte \(index) would land at \(hex(address)), outside the flash",
                    status: ExitStatus.badInput)
            }
            state.flash[Int(location.physicalOffset)] = byte
        }
    }

    /// The dump over the OCTOSPI flash, 4 KiB sector by sector; returns the sectors it touched.
    private func importOctoSPI(_ data: [UInt8], into state: inout DeviceState) throws -> Set<UInt32> {
        guard state.part.hasOctoSPIFlash, let nor = state.ospi else {
            throw CommandFailure(
                "\(file): \(hex(address.value)) is the OCTOSPI flash, which \(state.part.name) does not have",
                status: ExitStatus.badInput)
        }
        let geometry = MX25LM51245G.geometry
        let start = UInt64(address.value - FlashRegion.ospiBase)
        guard start + UInt64(data.count) <= UInt64(geometry.size) else {
            throw CommandFailure(
                "\(file): \(data.count) bytes at \(hex(address.value)) run past the end of the "
                    + "\(geometry.size >> 20) MiB OCTOSPI flash", status: ExitStatus.badInput)
        }
        guard !data.isEmpty else { return [] }
        let sectorSize = UInt64(geometry.sectorSize)
        var sectors = nor.allSectors
        var touched = Set<UInt32>()
        var sector = start - start % sectorSize
        while sector < start + UInt64(data.count) {
            let offset = UInt32(sector)
            var bytes = sectors[offset] ?? [UInt8](repeating: 0xFF, count: Int(sectorSize))
            let from = max(start, sector)
            let to = min(start + UInt64(data.count), sector + sectorSize)
            bytes.replaceSubrange(
                Int(from - sector)..<Int(to - sector), with: data[Int(from - start)..<Int(to - start)])
            // Erased sectors are absent, as the model keeps them.
            sectors[offset] = bytes.allSatisfy { $0 == 0xFF } ? nil : bytes
            touched.insert(offset)
            sector += sectorSize
        }
        state.ospi = NORPersistentState(sectors: sectors, nonVolatile: nor.nonVolatile)
        return touched
    }
}
