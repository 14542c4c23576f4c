/// Macronix MX25LM51245G, 512 Mbit octal NOR (reference §1): SPI, STR-OPI and DTR-OPI protocols,
/// WEL/WIP as on silicon, WIP timed on the virtual clock. Address bits above A25 are ignored, so
/// accesses wrap at 64 MiB. Not modelled: block protection (BP bits are stored only), suspend/resume,
/// deep power-down, OTP, SPB/DPB, fast boot, burst length; those opcodes are ignored as unknown.
package final class MX25LM51245G: NORFlashDevice {
    package static let jedecID: [UInt8] = [0xC2, 0x85, 0x3A]
    /// CR2 register addresses (reference §1.2).
    package enum CR2Address {
        package static let mode: UInt32 = 0x0000_0000
        package static let dqs: UInt32 = 0x0000_0200
        package static let dummyCycles: UInt32 = 0x0000_0300
        package static let preamble: UInt32 = 0x0000_0500
        package static let powerOnMode: UInt32 = 0x4000_0000
    }
    enum Status {
        static let wip: UInt8 = 0x01
        static let wel: UInt8 = 0x02
        static let blockProtect: UInt8 = 0x3C
    }

    /// 64 MiB in 4 KiB sectors and 64 KiB blocks, 256-byte program pages (reference §1.1).
    package static let geometry = NORGeometry(size: 0x0400_0000, sectorSize: 0x1000, blockSize: 0x1_0000, pageSize: 256)
    package var geometry: NORGeometry { Self.geometry }
    package private(set) var assumptions: NORAssumptions
    package private(set) var mode: NORProtocolMode = .spi
    /// What RDSFDP answers; bytes past its end read as 0xFF.
    package var sfdp: [UInt8]
    package private(set) var timing: NORTiming

    let clock: VirtualClock
    var storage: NORStorage
    private var status: UInt8 = 0
    private var configuration: UInt8 = 0
    /// CR2 @0x200, @0x300, @0x500 (volatile) and @0x4000_0000.
    private var dqsConfig: UInt8 = 0
    private var dummyConfig: UInt8 = 0
    private var preambleConfig: UInt8 = 0
    private var powerOnMode: UInt8 = 0
    private var security: UInt8 = 0
    private var busyUntil: UInt64 = 0
    private var resetEnabled = false

    /// A factory-fresh part (all 0xFF, power-on defaults), as just powered on.
    package init(clock: VirtualClock, assumptions: NORAssumptions = .defaults, sfdp: [UInt8]? = nil) {
        self.clock = clock
        self.assumptions = assumptions
        self.sfdp = sfdp ?? SFDPImage.image(assumptions.sfdp)
        timing = NORTiming(assumptions.timing)
        storage = NORStorage(size: Int(Self.geometry.size), sectorSize: Int(Self.geometry.sectorSize))
        powerOnReset()
    }

    /// A part with saved contents and non-volatile bits, as just powered on.
    package convenience init(
        clock: VirtualClock, assumptions: NORAssumptions = .defaults,
        restoring state: NORPersistentState, sfdp: [UInt8]? = nil
    ) throws(NORStateError) {
        self.init(clock: clock, assumptions: assumptions, sfdp: sfdp)
        guard storage.load(state.sectors, source: state.source) else {
            throw NORStateError(text: "a saved sector is not a whole 4 KiB sector inside the 64 MiB array")
        }
        status = (state.nonVolatile["SR"] ?? 0) & Status.blockProtect
        configuration = state.nonVolatile["CR"] ?? 0
        powerOnMode = (state.nonVolatile["CR2@40000000"] ?? 0) & 0x03
        powerOnReset()
    }

    /// Changes the model assumptions (a host action). A default SFDP image follows the new choice.
    package func setAssumptions(_ new: NORAssumptions) {
        if sfdp == SFDPImage.image(assumptions.sfdp) { sfdp = SFDPImage.image(new.sfdp) }
        assumptions = new
        timing = NORTiming(new.timing)
    }

    package var isBusy: Bool { clock.now < busyUntil }

    package var nextStateChange: UInt64? { busyUntil > clock.now ? busyUntil : nil }

    /// The status register as RDSR returns it.
    package var statusRegister: UInt8 {
        settle()
        return status | (isBusy ? Status.wip : 0)
    }

    /// CR2 @0x300 DC field as a dummy-cycle count (000 = 20 … 111 = 6).
    package var octalReadDummyCycles: Int { 20 - 2 * Int(dummyConfig & 0x07) }

    package var persistentState: NORPersistentState {
        let (sectors, source) = storage.persistent
        return NORPersistentState(
            sectors: sectors,
            nonVolatile: [
                "SR": status & Status.blockProtect, "CR": configuration, "CR2@40000000": powerOnMode,
            ], source: source)
    }

    /// Offsets of the 4 KiB sectors changed since the last `clearChanges()`.
    package var changedSectorOffsets: Set<UInt32> {
        Set(storage.changed.map { UInt32($0) * geometry.sectorSize })
    }

    package func clearChanges() { storage.clearChanges() }

    /// The bytes of the sector at an offset, or nil when it is erased.
    package func sectorContents(atOffset offset: UInt32) -> [UInt8]? {
        guard offset < geometry.size else { return nil }
        return storage.sector(Int(offset / geometry.sectorSize))
    }

    /// A picture of every sector (shared copy-on-write), to compare against after an operation.
    var sectorSnapshot: NORSnapshot { storage.snapshot }

    /// Erases since `clearEvents`, with the command and address that asked for each.
    package private(set) var erasures: [NORErasure] = []
    /// Page programs since `clearEvents`: where each started and how many bytes it took.
    package private(set) var programs: [(offset: UInt32, count: Int)] = []

    package func clearEvents() {
        erasures.removeAll()
        programs.removeAll()
    }

    /// Programmed sectors currently holding a buffer.
    package var allocatedSectors: Int { storage.allocatedSectors }

    package func powerCycle() {
        if assumptions.defaultModeStorage == .volatile { powerOnMode = 0 }
        busyUntil = 0
        powerOnReset()
    }

    /// Volatile state back to power-on values: protocol from DEFSOPI/DEFDOPI, WEL clear, default dummy cycles.
    private func powerOnReset() {
        mode = powerOnMode & 0x02 != 0 ? .dtrOPI : powerOnMode & 0x01 != 0 ? .strOPI : .spi
        status &= Status.blockProtect
        dqsConfig = 0
        preambleConfig = 0
        dummyConfig = assumptions.powerOnDummyCycles == .twenty ? 0b000 : 0b111
        security &= 0x83
        resetEnabled = false
    }

    /// WEL drops when a program or erase ends.
    private func settle() {
        if busyUntil != 0 && clock.now >= busyUntil {
            busyUntil = 0
            status &= ~Status.wel
        }
    }

    private func startBusy(_ duration: UInt64) {
        busyUntil = clock.now + duration
        clock.schedule(at: busyUntil)
    }

    package func execute(_ transaction: NORTransaction) -> NORResponse {
        settle()
        let framing = MX25Framing(mode: mode, octalReadDummyCycles: octalReadDummyCycles)
        let command: NORCommand
        switch framing.decode(transaction) {
        case .refused(let outcome): return ignored(transaction, outcome, nil)
        case .command(let decoded): command = decoded
        }
        if isBusy && !command.allowedWhileBusy {
            return ignored(transaction, .busy, command)
        }
        let resetWasEnabled = resetEnabled
        resetEnabled = command == .resetEnable
        let needsWEL = command.isProgram || command.isErase || command == .writeStatus || command == .writeCR2
        if needsWEL && status & Status.wel == 0 { return ignored(transaction, .writeDisabled, command) }
        let address = transaction.address ?? 0
        var out: [UInt8] = []
        switch (command, transaction.data) {
        case (_, .read(let count)) where command.isArrayRead:
            let mask: UInt32 = transaction.addressSize == 3 ? 0x00FF_FFFF : 0xFFFF_FFFF
            out.reserveCapacity(count)
            storage.read(from: Int(address & mask), count: count, into: &out)
        case (_, .write(let bytes)) where command.isProgram:
            program(at: transaction.addressSize == 3 ? address & 0x00FF_FFFF : address, bytes)
        case (.sectorErase3, _), (.sectorErase4, _), (.blockErase3, _), (.blockErase4, _):
            erase(command, at: transaction.addressSize == 3 ? address & 0x00FF_FFFF : address, sent: address)
        case (.chipErase, _):
            storage.eraseAll()
            erasures.append(NORErasure(offset: 0, size: geometry.size, command: command.name, sentAddress: nil))
            startBusy(timing.chipErase)
        case (.writeEnable, _):
            status |= Status.wel
        case (.writeDisable, _):
            status &= ~Status.wel
        case (.readStatus, .read(let count)):
            out = registerBytes([status | (isBusy ? Status.wip : 0)], count: count)
        case (.readConfig, .read(let count)):
            out = registerBytes([configuration], count: count)
        case (.readSecurity, .read(let count)):
            out = registerBytes([security], count: count)
        case (.readID, .read(let count)):
            out = registerBytes(Self.jedecID, count: count)
        case (.readCR2, .read(let count)):
            out = registerBytes([readCR2(address)], count: count)
        case (.readSFDP, .read(let count)):
            out = (0..<count).map { Int(address) + $0 < sfdp.count ? sfdp[Int(address) + $0] : 0xFF }
        case (.writeStatus, .write(let bytes)):
            writeStatus(bytes, address: transaction.address)
        case (.writeCR2, .write(let bytes)):
            writeCR2(address, bytes[0])
        case (.reset, _):
            guard resetWasEnabled else { return ignored(transaction, .resetNotEnabled, command) }
            softwareReset()
        default:
            break
        }
        return NORResponse(outcome: .accepted, data: out, command: command)
    }

    private func ignored(_ transaction: NORTransaction, _ outcome: NOROutcome, _ command: NORCommand?) -> NORResponse {
        guard case .read(let count) = transaction.data else {
            return NORResponse(outcome: outcome, data: [], command: command)
        }
        let undriven: UInt8 = assumptions.undrivenBus == .ones ? 0xFF : 0x00
        return NORResponse(outcome: outcome, data: Array(repeating: undriven, count: count), command: command)
    }

    /// One-byte registers repeat when read on; in DTR they may come out doubled.
    private func registerBytes(_ source: [UInt8], count: Int) -> [UInt8] {
        let doubled = mode == .dtrOPI && assumptions.dtrRegisterOutput == .doubled
        return (0..<count).map { source[(doubled ? $0 / 2 : $0) % source.count] }
    }

    private func program(at address: UInt32, _ bytes: [UInt8]) {
        let pageSize = Int(geometry.pageSize)
        let start = Int(address) & (Int(geometry.size) - 1)
        programs.append((UInt32(start), bytes.count))
        let pageStart = start & ~(pageSize - 1)
        let inPage = start - pageStart
        switch assumptions.pageOverflow {
        case .wrap where inPage + bytes.count > pageSize:
            // The page buffer keeps the last byte sent to each column.
            var buffer = [UInt8](repeating: 0xFF, count: pageSize)
            let kept = bytes.suffix(pageSize)
            var column = (inPage + bytes.count - kept.count) % pageSize
            for byte in kept {
                buffer[column] = byte
                column = (column + 1) % pageSize
            }
            storage.program(at: pageStart, buffer[...])
        case .wrap:
            storage.program(at: start, bytes[...])
        case .cross:
            var offset = 0
            while offset < bytes.count {
                let position = (start + offset) & (Int(geometry.size) - 1)
                let run = min(bytes.count - offset, Int(geometry.sectorSize) - position % Int(geometry.sectorSize))
                storage.program(at: position, bytes[offset..<offset + run])
                offset += run
            }
        }
        startBusy(timing.pageProgram)
    }

    private func erase(_ command: NORCommand, at address: UInt32, sent: UInt32) {
        let isBlock = command == .blockErase3 || command == .blockErase4
        let unit = isBlock ? geometry.blockSize : geometry.sectorSize
        let start = (address & (geometry.size - 1)) & ~(unit - 1)
        let first = Int(start / geometry.sectorSize)
        for index in first..<first + Int(unit / geometry.sectorSize) { storage.eraseSector(index) }
        erasures.append(NORErasure(offset: start, size: unit, command: command.name, sentAddress: sent))
        startBusy(isBlock ? timing.blockErase : timing.sectorErase)
    }

    private func writeStatus(_ bytes: [UInt8], address: UInt32?) {
        if let address, mode != .spi {
            // OPI: address 0 is SR, 1 is CR; the value is the first byte.
            if address == 1 { configuration = bytes[0] & 0x1F } else { setStatus(bytes[0]) }
        } else {
            setStatus(bytes[0])
            if bytes.count > 1 { configuration = bytes[1] & 0x1F }
        }
        startBusy(timing.registerWrite)
    }

    private func setStatus(_ value: UInt8) {
        status = (status & ~Status.blockProtect) | (value & Status.blockProtect)
    }

    private func readCR2(_ address: UInt32) -> UInt8 {
        switch address {
        case CR2Address.mode: mode == .dtrOPI ? 0x02 : mode == .strOPI ? 0x01 : 0x00
        case CR2Address.dqs: dqsConfig
        case CR2Address.dummyCycles: dummyConfig
        case CR2Address.preamble: preambleConfig
        case CR2Address.powerOnMode: powerOnMode
        default: 0x00
        }
    }

    /// Volatile CR2 writes take effect at once without WIP (the ST BSP sends the next WREN straight away).
    private func writeCR2(_ address: UInt32, _ value: UInt8) {
        status &= ~Status.wel
        switch address {
        case CR2Address.mode:
            // DOPI wins if both bits are set.
            mode = value & 0x02 != 0 ? .dtrOPI : value & 0x01 != 0 ? .strOPI : .spi
        case CR2Address.dqs: dqsConfig = value & 0x03
        case CR2Address.dummyCycles: dummyConfig = value & 0x07
        case CR2Address.preamble: preambleConfig = value & 0x01
        case CR2Address.powerOnMode:
            powerOnMode = value & 0x03
            startBusy(timing.registerWrite)
            status |= Status.wel
        default: break
        }
    }

    /// RSTEN + RST: as power-on, except that an interrupted program or erase costs the recovery time.
    /// The model has already applied its data; on silicon the cells would be undefined.
    private func softwareReset() {
        let wasBusy = isBusy
        powerOnReset()
        busyUntil = 0
        if wasBusy { startBusy(timing.resetRecovery) }
    }
}

/// One erase the NOR flash carried out: the bytes it erased and the command that asked for it.
package struct NORErasure: Equatable, Sendable {
    package let offset: UInt32
    package let size: UInt32
    /// The command's name (`SE4B`, `BE`, `CE`).
    package let command: String
    /// The address the command carried (nil for a chip erase).
    package let sentAddress: UInt32?

    /// `SE4B 0x00001000`, or `CE`.
    package var commandText: String { sentAddress.map { "\(command) \(hex($0))" } ?? command }
}
