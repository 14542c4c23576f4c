/// What a loader's HAL does with OCTOSPI1 registers, through bus accesses only
/// (ST HAL `HAL_OSPI_Command` / `Transmit` / `Receive` / `AutoPolling`, reference §2.2–§2.5, §3.3).
struct OctoSPIDriver {
    typealias R = OctoSPIRegisters
    let bus: Bus
    let base: UInt32
    /// FIFO threshold in bytes (FTHRES + 1); 16 suits either FIFO depth assumption.
    static let threshold = 16

    private func register(_ register: OctoSPIRegister) -> UInt32 { base + register.offset }

    @discardableResult
    private func write(_ register: OctoSPIRegister, _ value: UInt32) -> Bool {
        bus.write(self.register(register), value)
    }

    private func read(_ register: OctoSPIRegister) -> UInt32? { bus.read(self.register(register)) }

    /// Reads SR until `condition` holds, letting virtual time pass while the controller waits on the flash.
    /// False if SR cannot change any more (nothing is scheduled) or a transfer error is flagged.
    func waitStatus(_ condition: (UInt32) -> Bool) -> Bool {
        while true {
            guard let status = read(.sr) else { return false }
            if condition(status) { return true }
            if status & R.Status.tef != 0 { return false }
            let before = bus.clock.now
            bus.waitForEvent()
            if bus.clock.now == before { return false }
        }
    }

    /// DCR1/DCR2/CR as `MX_OSPI_NOR_Init`: DEVSIZE 25, CSHT 1, prescaler 2; MTYP Macronix in DTR.
    func configure(dtr: Bool) -> Bool {
        guard abortIfBusy() else { return false }
        let mtyp: UInt32 = dtr ? 1 : 0
        typealias D = R.DeviceField
        write(.dcr1, D.mtyp.inserting(mtyp, into: D.devsize.inserting(25, into: D.csht.inserting(1, into: 0))))
        write(.dcr2, 2)
        write(.dcr3, 0)
        write(.cr, R.ControlField.fthres.inserting(UInt32(Self.threshold - 1), into: R.Control.en))
        return true
    }

    /// ABORT if a command (or memory-mapped mode) is in progress, as `HAL_OSPI_Abort`; waits for TCF, then BUSY = 0.
    func abortIfBusy() -> Bool {
        guard let status = read(.sr) else { return false }
        guard status & R.Status.busy != 0, let control = read(.cr) else { return true }
        write(.cr, control | R.Control.abort)
        guard waitStatus({ $0 & R.Status.tcf != 0 }) else { return false }
        write(.fcr, R.Status.tcf)
        return waitStatus { $0 & R.Status.busy == 0 }
    }

    /// CCR for one protocol: one line (SPI) or eight (OPI, mode 4), DTR in DTR-OPI, a two-byte
    /// instruction in OPI, four address bytes.
    private func ccr(_ mode: NORProtocolMode, address: Bool, data: Bool, dqs: Bool = false) -> UInt32 {
        typealias F = R.CommunicationField
        let lines: UInt32 = mode == .spi ? 1 : 4
        let dtr: UInt32 = mode == .dtrOPI ? 1 : 0
        var value = F.isize.inserting(
            mode == .spi ? 0 : 1, into: F.idtr.inserting(dtr, into: F.imode.inserting(lines, into: 0)))
        if address {
            value = F.adsize.inserting(3, into: F.addtr.inserting(dtr, into: F.admode.inserting(lines, into: value)))
        }
        if data { value = F.ddtr.inserting(dtr, into: F.dmode.inserting(lines, into: value)) }
        if dqs && mode == .dtrOPI { value = F.dqse.inserting(1, into: value) }
        return value
    }

    private func instruction(_ opcode: UInt8, _ mode: NORProtocolMode) -> UInt32 {
        mode == .spi ? UInt32(opcode) : UInt32(opcode) << 8 | UInt32(~opcode)
    }

    private func setMode(_ mode: R.FunctionalMode, extra: UInt32 = 0) {
        let control = read(.cr) ?? 0
        let cleared = control & ~(R.Control.fmodeMask | R.Control.apms | R.Control.pmm)
        write(.cr, R.ControlField.fmode.inserting(mode.rawValue, into: cleared) | extra)
    }

    /// Configures a command with FMODE = 00, as `HAL_OSPI_Command` does; it starts only if it has no data.
    private func load(_ opcode: UInt8, _ mode: NORProtocolMode, address: UInt32?, dummy: Int, count: Int) {
        setMode(.indirectWrite)
        write(.ccr, ccr(mode, address: address != nil, data: count > 0, dqs: count > 0))
        write(
            .tcr,
            R.TimingField.dhqc.inserting(
                mode == .dtrOPI ? 1 : 0, into: R.TimingField.dcyc.inserting(UInt32(dummy), into: 0)))
        if count > 0 { write(.dlr, UInt32(count - 1)) }
        write(.ir, instruction(opcode, mode))
        if let address { write(.ar, address) }
    }

    private func finish() -> Bool {
        guard waitStatus({ $0 & R.Status.tcf != 0 }) else { return false }
        write(.fcr, R.Status.tcf)
        return true
    }

    /// A command without data, or with data sent through DR.
    func send(_ opcode: UInt8, _ mode: NORProtocolMode, address: UInt32? = nil, bytes: [UInt8] = []) -> Bool {
        guard waitStatus({ $0 & R.Status.busy == 0 }) else { return false }
        load(opcode, mode, address: address, dummy: 0, count: bytes.count)
        var index = 0
        while index < bytes.count {
            guard waitStatus({ $0 & R.Status.ftf != 0 }) else { return false }
            let end = min(index + Self.threshold, bytes.count)
            while index + 4 <= end {
                let word =
                    UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8
                    | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24
                bus.write(register(.dr), word)
                index += 4
            }
            while index < end {
                bus.write(register(.dr), UInt32(bytes[index]), size: .byte)
                index += 1
            }
        }
        return finish()
    }

    /// A command whose answer is read back through DR.
    func receive(
        _ opcode: UInt8, _ mode: NORProtocolMode, address: UInt32? = nil, dummy: Int = 0,
        count: Int
    ) -> [UInt8]? {
        guard waitStatus({ $0 & R.Status.busy == 0 }) else { return nil }
        load(opcode, mode, address: address, dummy: dummy, count: count)
        setMode(.indirectRead)
        if let address { write(.ar, address) } else { write(.ir, instruction(opcode, mode)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            guard waitStatus({ $0 & (R.Status.ftf | R.Status.tcf) != 0 }) else { return nil }
            if count - bytes.count >= 4, let word = bus.read(register(.dr)) {
                bytes += littleEndianBytes(word)
            } else if let byte = bus.read(register(.dr), size: .byte) {
                bytes.append(UInt8(truncatingIfNeeded: byte))
            } else {
                return nil
            }
        }
        return finish() ? bytes : nil
    }

    /// Polls RDSR until WIP = 0 (mask 0x01, match 0, AND, automatic stop), as `MX25LM51245G_AutoPollingMemReady`.
    func waitReady(_ mode: NORProtocolMode) -> Bool {
        guard waitStatus({ $0 & R.Status.busy == 0 }) else { return false }
        let count = mode == .dtrOPI ? 2 : 1
        let dummy = mode == .spi ? 0 : mode == .strOPI ? 4 : 5
        load(0x05, mode, address: mode == .spi ? nil : 0, dummy: dummy, count: count)
        write(.psmar, 0x00)
        write(.psmkr, 0x01)
        write(.pir, 0x10)
        setMode(.autoPolling, extra: R.Control.apms)
        if mode == .spi { write(.ir, instruction(0x05, mode)) } else { write(.ar, 0) }
        guard waitStatus({ $0 & R.Status.smf != 0 }) else {
            _ = abortIfBusy()
            return false
        }
        write(.fcr, R.Status.smf)
        return true
    }

    /// Memory-mapped reads with 8DTRD (0xEE11, 6 dummy cycles, DQS) and writes configured as 4PP,
    /// as `MX25LM51245G_EnableMemoryMappedModeDTR`.
    func enableMemoryMapped() -> Bool {
        guard abortIfBusy() else { return false }
        setMode(.indirectWrite)
        write(.ccr, ccr(.dtrOPI, address: true, data: true, dqs: true))
        write(.tcr, R.TimingField.dhqc.inserting(1, into: R.TimingField.dcyc.inserting(6, into: 0)))
        write(.ir, instruction(0xEE, .dtrOPI))
        write(.wccr, ccr(.dtrOPI, address: true, data: true))
        write(.wtcr, 0)
        write(.wir, instruction(0x12, .dtrOPI))
        setMode(.memoryMapped)
        return true
    }
}
