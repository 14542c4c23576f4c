/// The STM32L5 flash controller at register level (reference §3 and §5).
///
/// Errors are status bits, as on silicon. The controller owns the option bytes
/// (effective, pending and as written) and the physical flash array.
package final class FlashController {
    package let part: Part
    package private(set) var assumptions: ModelAssumptions
    package let array: FlashArray
    /// Option bytes in force.
    package private(set) var effective: OptionBytes
    /// Option bytes programmed by OPTSTRT, loaded by the next OBL_LAUNCH.
    package private(set) var pending: OptionBytes
    /// What software wrote to the option registers since the last reset.
    package private(set) var written: OptionBytes
    package private(set) var layout: FlashLayout
    package internal(set) var events: [ControllerEvent] = []
    /// Why the last OPTSTRT was refused by the protection rules, if it was.
    package private(set) var optionRefusal: OptionRefusal?
    /// Called after OBL_LAUNCH has reset the controller, so the rest of the chip resets too.
    package var onSystemReset: ((ResetCause) -> Void)?
    /// The OTP area at 0x0BFA_0000, programmed through this controller (FlashController+OTP.swift).
    package internal(set) var otp = OTPMemory()

    let clock: VirtualClock
    let trace: TraceRecorder
    private(set) var registers = RegisterFile(FlashRegisters.specs)
    private var flashLocks = [
        KeySequenceLock(keys: FlashRegisters.Keys.flash),
        KeySequenceLock(keys: FlashRegisters.Keys.flash),
    ]
    private var optionLock = KeySequenceLock(keys: FlashRegisters.Keys.option)
    private var powerDownLock = KeySequenceLock(keys: FlashRegisters.Keys.powerDown)
    private var lowVoltageLock = KeySequenceLock(keys: FlashRegisters.Keys.lowVoltage)
    /// First word of a double word in progress, per channel.
    private var firstWord: [(address: UInt32, value: UInt32)?] = [nil, nil]
    private var busyUntil: UInt64 = 0
    private var busyChannel: ControlChannel = .nonSecure
    private(set) var timing: FlashTiming
    /// OPTSTRT has run since the last reset: option registers read back the loaded values (reference §8).
    private var optionsStarted: Bool

    package init(
        part: Part, assumptions: ModelAssumptions, effective: OptionBytes, pending: OptionBytes,
        array: FlashArray, clock: VirtualClock, trace: TraceRecorder
    ) {
        self.part = part
        self.assumptions = assumptions
        self.effective = effective
        self.pending = pending
        self.written = pending
        self.array = array
        self.clock = clock
        self.trace = trace
        layout = FlashLayout(part: part, options: effective, assumptions: assumptions)
        timing = FlashTiming(assumptions.timing)
        // A device file with pending option bytes is a chip between OPTSTRT and the reload.
        optionsStarted = pending != effective
    }

    /// Changes the model assumptions (a host action, not a bus access).
    package func setAssumptions(_ new: ModelAssumptions) {
        assumptions = new
        layout = FlashLayout(part: part, options: effective, assumptions: new)
        timing = FlashTiming(new.timing)
    }

    package func clearEvents() { events.removeAll(keepingCapacity: true) }

    package var isBusy: Bool { clock.now < busyUntil }

    /// Whether NSCR and SECCR are both locked: software has finished with the controller.
    package var controlsLocked: Bool {
        (control(.nonSecure) & control(.secure) & FlashRegisters.Control.lock) != 0
    }

    /// System reset: registers, keys and busy state return to reset values; option bytes stay as they are.
    package func reset() {
        registers.reset()
        for index in flashLocks.indices { flashLocks[index].reset() }
        optionLock.reset()
        powerDownLock.reset()
        lowVoltageLock.reset()
        firstWord = [nil, nil]
        busyUntil = 0
        written = effective
        optionsStarted = false
    }

    // MARK: Register helpers

    func value(at offset: UInt32) -> UInt32 {
        registers.index(ofOffset: offset).map { registers[$0] } ?? 0
    }

    private func setValue(_ value: UInt32, at offset: UInt32) {
        if let index = registers.index(ofOffset: offset) { registers[index] = value }
    }

    func control(_ channel: ControlChannel) -> UInt32 { value(at: channel.controlOffset) }

    func raise(_ flag: StatusFlag, on channel: ControlChannel, address: UInt32) {
        var status = value(at: channel.statusOffset) | flag.mask
        if control(channel) & FlashRegisters.Control.errie != 0 && flag != .operr {
            status |= StatusFlag.operr.mask
        }
        setValue(status, at: channel.statusOffset)
        events.append(.flagRaised(flag, address: address))
        trace.note(.flag(flag, address: address))
    }

    /// Applies the end of a finished operation: STRT/OPTSTRT drop, EOP rises.
    private func settle() {
        guard busyUntil != 0, clock.now >= busyUntil else { return }
        busyUntil = 0
        let channel = busyChannel
        let control = self.control(channel)
        setValue(control & ~(FlashRegisters.Control.strt | FlashRegisters.Control.optstrt), at: channel.controlOffset)
        if assumptions.endOfOperationFlag == .always || control & FlashRegisters.Control.eopie != 0 {
            setValue(value(at: channel.statusOffset) | StatusFlag.eop.mask, at: channel.statusOffset)
        }
    }

    func startBusy(_ duration: UInt64, channel: ControlChannel) {
        busyUntil = clock.now + duration
        busyChannel = channel
        clock.schedule(at: busyUntil)
    }

    /// An access made while the controller is busy stalls the bus until it is done.
    func stallWhileBusy() {
        if clock.now < busyUntil {
            let waited = busyUntil - clock.now
            clock.advance(by: waited)
            trace.note(.waited(waited))
        }
        settle()
    }

    // MARK: Register reads and writes

    func readRegister(_ offset: UInt32) -> UInt32 {
        settle()
        return peek(offset)
    }

    /// A register value without side effects.
    func peek(_ offset: UInt32) -> UInt32 {
        guard let register = FlashRegister(offset: offset) else { return 0 }
        switch register {
        case .nssr, .secsr:
            return value(at: offset) | (clock.now < busyUntil ? StatusFlag.bsy.mask : 0)
        case .pdkeyr, .nskeyr, .seckeyr, .optkeyr, .lvekeyr:
            return 0
        case .option(let option):
            switch assumptions.optionReadback {
            case .twoPhase: return optionsStarted ? effective[option] : written[option]
            case .effective: return effective[option]
            case .written: return written[option]
            }
        case .acr, .nscr, .seccr, .eccr, .blockSecurity, .sechdpcr, .privcfgr:
            return value(at: offset)
        }
    }

    /// One write hook per register, chosen by an exhaustive switch. `origin` says who writes:
    /// at RDP level 1 an erase started from outside the flash is a bus error (reference §8).
    func writeRegister(_ offset: UInt32, _ written: UInt32, origin: AccessOrigin = .debugger) -> Result<Void, BusFault>
    {
        settle()
        guard let register = FlashRegister(offset: offset) else { return .success(()) }
        switch register {
        case .nskeyr: return writeFlashKey(written, channel: .nonSecure, name: "NSKEYR")
        case .seckeyr: return writeFlashKey(written, channel: .secure, name: "SECKEYR")
        case .optkeyr: return writeOptionKey(written)
        case .pdkeyr: return writeSimpleKey(&powerDownLock, written, name: "PDKEYR", what: "ACR.RUN_PD")
        case .lvekeyr: return writeSimpleKey(&lowVoltageLock, written, name: "LVEKEYR", what: "ACR.LVEN")
        case .nscr, .seccr:
            let channel: ControlChannel = register == .nscr ? .nonSecure : .secure
            if let fault = eraseRefusal(written, channel: channel, origin: origin) { return .failure(fault) }
            writeControl(written, channel: channel)
        case .acr: writeAccessControl(written)
        case .option(let option): writeOptionRegister(option, written)
        case .nssr, .secsr, .eccr, .blockSecurity, .sechdpcr, .privcfgr:
            if let index = registers.index(ofOffset: offset) {
                registers[index] = registers.specs[index].applyingWrite(written, to: registers[index])
            }
        }
        return .success(())
    }

    /// NSKEYR or SECKEYR. Writing the keys while the control register is already unlocked is a
    /// wrong sequence (reference §8: OpenOCD and the HAL check LOCK first for this reason).
    private func writeFlashKey(_ key: UInt32, channel: ControlChannel, name: String) -> Result<Void, BusFault> {
        let wasUnlocked = flashLocks[channel.rawValue].state == .unlocked
        switch flashLocks[channel.rawValue].consume(key, wrongKey: assumptions.wrongKey, whileUnlocked: .wrongSequence)
        {
        case .progressed, .ignored:
            return .success(())
        case .unlocked:
            setValue(control(channel) & ~FlashRegisters.Control.lock, at: channel.controlOffset)
            trace.note(.unlocked(channel.name))
            return .success(())
        case .rejected:
            // A wrong sequence leaves the register locked (and NSCR's OPTLOCK with it).
            var relocked = control(channel) | FlashRegisters.Control.lock
            if channel == .nonSecure {
                relocked |= FlashRegisters.Control.optlock
                optionLock.relock()
            }
            setValue(relocked, at: channel.controlOffset)
            return rejectKey(name, locks: channel.name, whileUnlocked: wasUnlocked)
        }
    }

    private func writeOptionKey(_ key: UInt32) -> Result<Void, BusFault> {
        guard control(.nonSecure) & FlashRegisters.Control.lock == 0 else {
            trace.note(.text("OPTKEYR written while NSCR is locked"))
            return rejectKey("OPTKEYR", locks: "OPTLOCK", whileUnlocked: false)
        }
        let wasUnlocked = optionLock.state == .unlocked
        let whileUnlocked: KeySequenceLock.KeyWhileUnlocked =
            assumptions.protection.optionKeyWhenUnlocked == .wrongSequence ? .wrongSequence : .ignored
        switch optionLock.consume(key, wrongKey: assumptions.wrongKey, whileUnlocked: whileUnlocked) {
        case .progressed, .ignored:
            return .success(())
        case .unlocked:
            setValue(control(.nonSecure) & ~FlashRegisters.Control.optlock, at: FlashRegisters.Offset.nscr)
            trace.note(.unlocked("option bytes (OPTLOCK)"))
            return .success(())
        case .rejected:
            setValue(control(.nonSecure) | FlashRegisters.Control.optlock, at: FlashRegisters.Offset.nscr)
            return rejectKey("OPTKEYR", locks: "OPTLOCK", whileUnlocked: wasUnlocked)
        }
    }

    private func writeSimpleKey(_ lock: inout KeySequenceLock, _ key: UInt32, name: String, what: String)
        -> Result<Void, BusFault>
    {
        switch lock.consume(key, wrongKey: assumptions.wrongKey, whileUnlocked: .ignored) {
        case .progressed, .ignored: return .success(())
        case .unlocked:
            trace.note(.unlocked(what))
            return .success(())
        case .rejected: return rejectKey(name, locks: what, whileUnlocked: false)
        }
    }

    private func rejectKey(_ name: String, locks what: String, whileUnlocked: Bool) -> Result<Void, BusFault> {
        events.append(.keySequenceRejected(register: name, whileUnlocked: whileUnlocked))
        let untilReset = assumptions.wrongKey == .lockUntilReset
        if whileUnlocked {
            trace.note(
                .text(
                    "wrong sequence: \(name) written while \(what) was already unlocked; "
                        + (untilReset ? "\(what) locked until reset" : "\(what) locked again")))
        } else {
            trace.note(.keyRejected(name))
        }
        guard untilReset else { return .success(()) }
        let why = whileUnlocked ? "\(name) written while \(what) was already unlocked" : "a wrong key in \(name)"
        return .failure(.refused("wrong key sequence (\(why)): \(what) locked until reset"))
    }

    private func writeAccessControl(_ written: UInt32) {
        guard let spec = registers.specs.first(where: { $0.offset == FlashRegisters.Offset.acr }) else { return }
        let old = value(at: FlashRegisters.Offset.acr)
        var new = spec.applyingWrite(written, to: old)
        let runPD: UInt32 = 1 << 13
        let lowVoltage: UInt32 = 1 << 15
        if powerDownLock.state != .unlocked { new = (new & ~runPD) | (old & runPD) }
        if lowVoltageLock.state != .unlocked { new = (new & ~lowVoltage) | (old & lowVoltage) }
        setValue(new, at: FlashRegisters.Offset.acr)
    }

    private func writeOptionRegister(_ register: OptionRegister, _ value: UInt32) {
        let nscr = control(.nonSecure)
        guard nscr & (FlashRegisters.Control.lock | FlashRegisters.Control.optlock) == 0 else {
            trace.note(.text("\(register.name) write ignored: OPTLOCK is set"))
            return
        }
        written[register] = (value & register.writableMask) | (written[register] & ~register.writableMask)
    }

    private func writeControl(_ value: UInt32, channel: ControlChannel) {
        typealias C = FlashRegisters.Control
        let old = control(channel)
        guard old & C.lock == 0 else {
            trace.note(.text("\(channel.name) write ignored: LOCK is set"))
            return
        }
        guard let spec = registers.spec(atOffset: channel.controlOffset) else { return }
        var incoming = value
        if channel == .nonSecure && old & C.optlock != 0 {
            incoming &= ~(C.optstrt | C.oblLaunch)
        }
        var new = spec.applyingWrite(incoming, to: old)
        if new & C.lock != 0 {
            flashLocks[channel.rawValue].relock()
            if channel == .nonSecure { new |= C.optlock }
            trace.note(.locked(channel.name))
        }
        if channel == .nonSecure && old & C.optlock == 0 && new & C.optlock != 0 {
            optionLock.relock()
        }
        if new & C.pg == 0 { firstWord[channel.rawValue] = nil }
        // The start bits act on the register as it is after this write.
        let starting = new & ~old
        setValue(new & ~(C.strt | C.optstrt | C.oblLaunch), at: channel.controlOffset)
        if starting & C.strt != 0 {
            startErase(control: new, channel: channel)
        }
        if starting & C.optstrt != 0 {
            programOptions()
        }
        if starting & C.oblLaunch != 0 {
            launchOptions()
        }
    }

    // MARK: Erase

    private func hasErrors(_ channel: ControlChannel) -> Bool {
        value(at: channel.statusOffset) & StatusFlag.errorMask != 0
    }

    private func startErase(control: UInt32, channel: ControlChannel) {
        typealias C = FlashRegisters.Control
        stallWhileBusy()
        let pageErase = control & C.per != 0
        let massErase = control & (C.mer1 | C.mer2) != 0
        let pnb = Int(ControlField.pnb.value(in: control))
        let bker = Int(ControlField.bker.value(in: control))
        let address =
            layout.page(physicalBank: layout.physicalBank(forBKER: bker), pnb: pnb)?.address
            ?? FlashRegisters.base + channel.controlOffset
        if hasErrors(channel) || control & C.pg != 0 || pageErase == massErase {
            raise(.pgserr, on: channel, address: address)
            return
        }
        if pageErase {
            erasePage(pnb: pnb, bker: bker, channel: channel)
        } else {
            eraseBanks(mer1: control & C.mer1 != 0, mer2: control & C.mer2 != 0, channel: channel)
        }
    }

    private func erasePage(pnb: Int, bker: Int, channel: ControlChannel) {
        if !layout.dualBank && bker == 1 && assumptions.singleBankBKER == .rejected {
            raise(.pgserr, on: channel, address: FlashRegisters.base + channel.controlOffset)
            return
        }
        let physical = layout.physicalBank(forBKER: bker)
        guard let page = layout.page(physicalBank: physical, pnb: pnb) else {
            if assumptions.pageBeyondBank == .rejected {
                raise(.pgserr, on: channel, address: FlashRegisters.base + channel.controlOffset)
            } else {
                trace.note(.text("PNB \(pnb) is past the last page of bank \(physical): nothing erased"))
                startBusy(timing.pageErase, channel: channel)
                setValue(control(channel) | FlashRegisters.Control.strt, at: channel.controlOffset)
            }
            return
        }
        if isWriteProtected(page) || !securityMatches(page, channel) {
            raise(.wrperr, on: channel, address: page.address)
            return
        }
        array.erase(offset: Int(page.physicalOffset), count: Int(page.size))
        events.append(.pageErased(page, sentPNB: pnb, sentBKER: bker))
        trace.note(.pageErase(physicalBank: physical, pnb: pnb, address: page.address, size: page.size))
        startBusy(timing.pageErase, channel: channel)
        setValue(control(channel) | FlashRegisters.Control.strt, at: channel.controlOffset)
    }

    private func eraseBanks(mer1: Bool, mer2: Bool, channel: ControlChannel) {
        var banks: [Int] = []
        if !layout.dualBank {
            banks = [1]
        } else {
            let first = assumptions.massEraseUnderSwap == .physical ? 1 : layout.physicalBank(forLogical: 1)
            if mer1 { banks.append(first) }
            if mer2 { banks.append(3 - first) }
        }
        for bank in banks {
            let pages = (0..<layout.pagesPerBank).compactMap { layout.page(physicalBank: bank, pnb: $0) }
            if let blocked = pages.first(where: { isWriteProtected($0) || !securityMatches($0, channel) }) {
                raise(.wrperr, on: channel, address: blocked.address)
                return
            }
        }
        for bank in banks {
            if layout.dualBank {
                array.erase(
                    offset: Int(layout.physicalOffset(physicalBank: bank, page: 0)), count: Int(layout.bankSize))
            } else {
                array.erase(offset: 0, count: array.size)
            }
            events.append(
                .bankErased(
                    physicalBank: bank,
                    command: [mer1 ? "MER1" : nil, mer2 ? "MER2" : nil].compactMap { $0 }.joined(separator: "+")))
            trace.note(.bankErase(physicalBank: bank))
        }
        startBusy(timing.massErase, channel: channel)
        setValue(control(channel) | FlashRegisters.Control.strt, at: channel.controlOffset)
    }

    /// Whether a page lies in an active write-protection area of the effective option bytes.
    package func isWriteProtected(_ page: FlashPage) -> Bool {
        let areas: [OptionRegister]
        if !layout.dualBank {
            areas = [.wrp1ar, .wrp1br, .wrp2ar, .wrp2br]
        } else {
            areas = page.physicalBank == 1 ? [.wrp1ar, .wrp1br] : [.wrp2ar, .wrp2br]
        }
        return areas.contains { effective.writeProtectedPages($0)?.contains(page.pnb) ?? false }
    }

    /// Whether a page is secure under TrustZone (watermark or block-based bit; a closed hide area is secure too).
    package func isSecure(_ page: FlashPage) -> Bool { security(of: page) != .nonSecure }

    /// Whether an operation through `channel` may touch the page: its security must match, and a
    /// closed hide area refuses both (PageSecurity.swift).
    private func securityMatches(_ page: FlashPage, _ channel: ControlChannel) -> Bool {
        switch security(of: page) {
        case .nonSecure: channel == .nonSecure || !effective.trustZone
        case .secure: channel == .secure
        case .hidden: false
        }
    }

    // MARK: Programming

    /// The bus error the user flash answers `origin` with under readout protection, or nil when
    /// it answers: at RDP level 1 and 2 a debugger and code running from SRAM are refused (reference §8).
    package func flashRefusal(_ origin: AccessOrigin) -> BusFault? {
        let level = effective.readoutLevel
        guard level.blocksFlashFromOutside, origin == .debugger || origin == .sramCode else { return nil }
        return .refused(
            "RDP \(level): the user flash answers only code running from it, not \(origin.phrase) (a bus error)")
    }

    /// A control-register write that would start an erase (STRT) from an origin the flash refuses.
    private func eraseRefusal(_ value: UInt32, channel: ControlChannel, origin: AccessOrigin) -> BusFault? {
        guard value & FlashRegisters.Control.strt != 0, control(channel) & FlashRegisters.Control.lock == 0,
            let fault = flashRefusal(origin)
        else { return nil }
        trace.note(.text("\(channel.name) STRT refused: readout protection"))
        return fault
    }

    /// A write into the flash array window.
    func writeFlash(address: UInt32, value: UInt32, size: AccessSize, channel: ControlChannel) {
        stallWhileBusy()
        let index = channel.rawValue
        guard control(channel) & FlashRegisters.Control.pg != 0 else {
            firstWord[index] = nil
            raise(.pgserr, on: channel, address: address)
            return
        }
        guard size == .word else {
            firstWord[index] = nil
            raise(.sizerr, on: channel, address: address)
            return
        }
        guard let first = firstWord[index] else {
            if hasErrors(channel) {
                raise(.pgserr, on: channel, address: address)
            } else if address % 8 != 0 {
                raise(.pgaerr, on: channel, address: address)
            } else if let location = try? layout.locate(address),
                let page = layout.page(physicalBank: location.physicalBank, pnb: location.pnb),
                isWriteProtected(page) || !securityMatches(page, channel)
            {
                raise(.wrperr, on: channel, address: address)
            } else {
                firstWord[index] = (address, value)
            }
            return
        }
        firstWord[index] = nil
        guard address == first.address &+ 4 else {
            raise(.pgaerr, on: channel, address: address)
            return
        }
        if SystemArea.isOTP(first.address) {
            programOTP(first: first, high: value, channel: channel)
            return
        }
        guard let location = try? layout.locate(first.address) else {
            raise(.pgaerr, on: channel, address: first.address)
            return
        }
        let offset = Int(location.physicalOffset)
        let isZero = first.value == 0 && value == 0
        guard isZero || array.isErased(offset: offset, count: 8) else {
            raise(.progerr, on: channel, address: first.address)
            return
        }
        array.write(littleEndianBytes(first.value) + littleEndianBytes(value), at: offset)
        let nonSecureAddress = first.address - location.alias.base + FlashLayout.nonSecureBase
        events.append(.programmed(address: nonSecureAddress))
        trace.note(.programmed(address: first.address))
        startBusy(timing.doubleWordProgram, channel: channel)
    }

    /// A read of the flash array window.
    /// Whether the secure alias (0x0C00_0000) answers: always with TrustZone on, and with it
    /// off only under the `mirror` choice of secure-alias-without-tz.
    package var secureAliasAnswers: Bool {
        effective.trustZone || assumptions.secureAliasWithoutTrustZone == .mirror
    }

    func readFlash(address: UInt32, size: AccessSize) -> UInt32? {
        stallWhileBusy()
        guard let location = try? layout.locate(address) else { return nil }
        let inPage = Int(address - location.pageAddress)
        if inPage + size.rawValue <= Int(location.pageSize) {
            let offset = Int(location.physicalOffset)
            var value: UInt32 = 0
            for byte in 0..<size.rawValue {
                value |= UInt32(array.bytes[offset + byte]) << UInt32(8 * byte)
            }
            return value
        }
        // The access crosses a page (and maybe a bank) boundary: place each byte on its own.
        var value: UInt32 = 0
        for byte in 0..<size.rawValue {
            guard let location = try? layout.locate(address &+ UInt32(byte)) else { return nil }
            value |= UInt32(array.bytes[Int(location.physicalOffset)]) << UInt32(8 * byte)
        }
        return value
    }

    // MARK: Option bytes

    private func programOptions() {
        stallWhileBusy()
        let nscrAddress = FlashRegisters.base + FlashRegisters.Offset.nscr
        if hasErrors(.nonSecure) {
            raise(.pgserr, on: .nonSecure, address: nscrAddress)
            return
        }
        optionRefusal = OptionRefusal.check(loaded: effective, requested: written)
        if let refusal = optionRefusal {
            events.append(.optionsRefused(refusal))
            trace.note(.text("OPTSTRT refused: \(refusal)"))
            switch assumptions.protection.forbiddenOptionChange {
            case .optwerr:
                raise(.optwerr, on: .nonSecure, address: FlashRegisters.base + OptionRegister.optr.offset)
            case .ignored:
                // The operation runs and ends, and nothing is programmed.
                startBusy(timing.optionProgram, channel: .nonSecure)
                setValue(control(.nonSecure) | FlashRegisters.Control.optstrt, at: FlashRegisters.Offset.nscr)
            }
            return
        }
        let changesBankMode = written.dualBankBit != effective.dualBankBit
        let protections = [OptionRegister.wrp1ar, .wrp1br, .wrp2ar, .wrp2br].contains {
            written.writeProtectedPages($0) != nil
        }
        let watermarks =
            written.trustZone
            && (written.secureWatermarkPages(bank: 1) != nil || written.secureWatermarkPages(bank: 2) != nil)
        if changesBankMode && (protections || watermarks || securityBlocksBankModeChange) {
            raise(.optwerr, on: .nonSecure, address: FlashRegisters.base + OptionRegister.optr.offset)
            return
        }
        pending = written
        optionsStarted = true
        events.append(.optionsProgrammed)
        trace.note(.optionsProgrammed)
        startBusy(timing.optionProgram, channel: .nonSecure)
        setValue(control(.nonSecure) | FlashRegisters.Control.optstrt, at: FlashRegisters.Offset.nscr)
    }

    /// OBL_LAUNCH: the option bytes reload under a system reset (reference §8). Lowering RDP to
    /// level 0 mass-erases the user flash first; then every register returns to its reset value.
    private func launchOptions() {
        stallWhileBusy()
        let changed = pending.dualBankBit != effective.dualBankBit
        let levelBefore = effective.readoutLevel
        let regression = levelBefore != .level0 && pending.readoutLevel == .level0
        effective = pending
        layout = FlashLayout(part: part, options: effective, assumptions: assumptions)
        if regression {
            array.erase(offset: 0, count: array.size)
            events.append(.readoutRegressed(from: levelBefore))
            trace.note(.text("RDP \(levelBefore) → level 0: the user flash is mass-erased before the level drops"))
        } else if changed && assumptions.bankModeChange == .erase {
            array.erase(offset: 0, count: array.size)
        }
        events.append(.optionsLaunched(bankModeChanged: changed))
        trace.note(.optionsLaunched(bankModeChanged: changed))
        reset()
        trace.note(.text("system reset (OBL_LAUNCH): registers at their reset values"))
        onSystemReset?(.optionByteLoad)
    }
}

func littleEndianBytes(_ value: UInt32) -> [UInt8] {
    [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
}
