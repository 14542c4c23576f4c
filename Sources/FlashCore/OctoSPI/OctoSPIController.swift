/// OCTOSPI1 at register level (reference §3): indirect write and read through DR, automatic status
/// polling, memory-mapped reads, ABORT, and the status flags. It drives one NOR flash.
///
/// Windows: tag 0 registers (non-secure), tag 1 registers (secure alias), tag 2 the memory-mapped region.
package final class OctoSPIController: RegisterBlockTarget {
    package enum Window {
        package static let registers = 0
        package static let secureRegisters = 1
        package static let memory = 2
    }

    package let flash: any NORFlashDevice
    package private(set) var assumptions: NORAssumptions
    let clock: VirtualClock
    let trace: TraceRecorder
    var registers = RegisterFile(OctoSPIRegister.specs)
    /// TEF, TCF, SMF, TOF as last set; BUSY, FTF and FLEVEL are derived from the transfer state.
    var flags: UInt32 = 0
    /// Commands sent to the flash since creation (including ignored ones).
    package internal(set) var commandsIssued = 0

    // Indirect write: bytes received through DR for the command in progress.
    var writeActive = false
    var writeExpected = 0
    var writeBuffer: [UInt8] = []
    /// Bytes of `writeBuffer` received so far (the buffer grows ahead of them).
    var writeCount = 0
    var writeTransaction: NORTransaction?
    // Indirect read: the whole answer, handed out through a FIFO of `fifoDepth` bytes.
    var readActive = false
    var readBuffer: [UInt8] = []
    var readPosition = 0
    // Automatic polling: the next poll, when the flash will next change state.
    var polling = false
    var pollDue: UInt64?
    // Memory-mapped: nCS held low between accesses (TCEN = 0), and one prefetched line.
    var mappedActive = false
    var lineBase: UInt32 = 0
    var line: [UInt8] = []
    var lineValid = false
    static let lineSize = 32

    package init(
        flash: any NORFlashDevice, clock: VirtualClock, trace: TraceRecorder,
        assumptions: NORAssumptions = .defaults
    ) {
        self.flash = flash
        self.clock = clock
        self.trace = trace
        self.assumptions = assumptions
    }

    /// Changes the model assumptions (a host action, not a bus access).
    package func setAssumptions(_ new: NORAssumptions) { assumptions = new }

    /// RCC reset of the peripheral: registers to reset values, transfers dropped (the flash is not told).
    package func reset() {
        registers.reset()
        flags = 0
        clearTransfers()
    }

    func clearTransfers() {
        writeActive = false
        writeCount = 0
        writeBuffer.removeAll(keepingCapacity: true)
        writeTransaction = nil
        readActive = false
        readBuffer = []
        readPosition = 0
        polling = false
        pollDue = nil
        mappedActive = false
        lineValid = false
    }

    // MARK: Register state

    /// Register index by word offset (-1: reserved); an array, not a dictionary, for the hot path.
    private static let slots: [Int] = {
        var slots = Array(repeating: -1, count: Int(OctoSPIRegisters.windowSize / 4))
        for (index, spec) in OctoSPIRegister.specs.enumerated() { slots[Int(spec.offset / 4)] = index }
        return slots
    }()

    /// Per register: whether BUSY locks it, and its plain-write masks (kept apart from the specs' strings).
    private static let lockedWhileBusy = OctoSPIRegister.allCases.map(\.lockedWhileBusy)
    private static let masks = OctoSPIRegister.specs.map {
        (readWrite: $0.readWriteMask, writeOneToClear: $0.writeOneToClearMask, setOnly: $0.setOnlyMask)
    }

    /// The static table, held per instance: reading a static on every access costs a once-check.
    private let slotTable = OctoSPIController.slots
    private let maskTable = OctoSPIController.masks
    private let lockTable = OctoSPIController.lockedWhileBusy

    func slot(_ offset: UInt32) -> Int? {
        let word = Int(offset >> 2)
        guard word < slotTable.count, slotTable[word] >= 0 else { return nil }
        return slotTable[word]
    }

    func value(_ offset: UInt32) -> UInt32 {
        slot(offset).map { registers[$0] } ?? 0
    }

    func value(_ register: OctoSPIRegister) -> UInt32 { value(register.offset) }

    func setValue(_ value: UInt32, _ register: OctoSPIRegister) {
        if let index = slot(register.offset) { registers[index] = value }
    }

    var control: UInt32 { value(.cr) }
    var enabled: Bool { control & OctoSPIRegisters.Control.en != 0 }

    package var functionalMode: OctoSPIRegisters.FunctionalMode {
        OctoSPIRegisters.FunctionalMode(rawValue: OctoSPIRegisters.ControlField.fmode.value(in: control))
            ?? .indirectWrite
    }

    package var isBusy: Bool { writeActive || readActive || polling || mappedActive }

    /// 2^(DEVSIZE+1) bytes.
    var deviceSize: UInt64 { UInt64(1) << (UInt64(OctoSPIRegisters.DeviceField.devsize.value(in: value(.dcr1))) + 1) }

    var fifoDepth: Int { assumptions.fifoDepth.bytes }

    var fifoThreshold: Int { Int(OctoSPIRegisters.ControlField.fthres.value(in: control)) + 1 }

    /// Bytes of the indirect read already clocked in from the flash (the FIFO stops it when full).
    var readReceived: Int { min(readBuffer.count, readPosition + fifoDepth) }

    /// SR as software reads it.
    package var status: UInt32 {
        var value = flags
        if isBusy { value |= OctoSPIRegisters.Status.busy }
        if readActive {
            let level = readReceived - readPosition
            value = OctoSPIRegisters.Status.flevel.inserting(UInt32(level), into: value)
            if level >= fifoThreshold || (level > 0 && readReceived == readBuffer.count) {
                value |= OctoSPIRegisters.Status.ftf
            }
        } else if writeActive || awaitsWriteData {
            // The model drains the FIFO at once, so there is always room for more.
            value |= OctoSPIRegisters.Status.ftf
        }
        return value
    }

    /// A register value without side effects.
    func peek(_ offset: UInt32) -> UInt32 {
        switch OctoSPIRegister(offset: offset) {
        case .sr: status
        case .fcr, .dr: 0
        default: value(offset)
        }
    }

    var commandFormat: CommandFormat {
        CommandFormat(ccr: value(.ccr), timing: value(.tcr), instruction: value(.ir), alternate: value(.abr))
    }

    var writeFormat: CommandFormat {
        CommandFormat(ccr: value(.wccr), timing: value(.wtcr), instruction: value(.wir), alternate: value(.wabr))
    }

    /// Whether an indirect write with a data phase waits for DR (enabled, FMODE 00, CCR.DMODE set,
    /// idle), from the raw registers: SR asks this on every FIFO poll.
    var awaitsWriteData: Bool {
        let control = control
        return control & OctoSPIRegisters.Control.en != 0 && control & OctoSPIRegisters.Control.fmodeMask == 0
            && OctoSPIRegisters.CommunicationField.dmode.value(in: value(.ccr)) != 0 && !isBusy
    }

    /// The indirect write the controller is waiting to feed through DR, if any.
    var pendingWriteFormat: CommandFormat? { awaitsWriteData ? commandFormat : nil }

    // MARK: BusTarget

    package override func read(offset: UInt32, size: AccessSize, window: Int) -> Result<UInt32, BusFault> {
        if window == Window.memory { return readMapped(offset: offset, size: size) }
        settle()
        // DR is a FIFO port: the access size is how many bytes it pops, not a lane of a register.
        if offset & ~3 == OctoSPIRegister.dr.offset { return .success(popData(size)) }
        // The hot path: the lane arithmetic inline rather than through the base class's dynamic calls.
        return .success(RegisterLanes.extract(from: peek(offset & ~3), offset: offset, size: size))
    }

    package override func write(offset: UInt32, value: UInt32, size: AccessSize, window: Int) -> Result<Void, BusFault>
    {
        if window == Window.memory { return writeMapped(offset: offset, value: value, size: size) }
        settle()
        if offset & ~3 == OctoSPIRegister.dr.offset {
            pushData(value, size)
            return .success(())
        }
        let aligned = offset & ~3
        let word = size == .word ? value : RegisterLanes.merge(value, into: peek(aligned), offset: offset, size: size)
        writeRegister(aligned, word)
        return .success(())
    }

    package override func readRegister(at offset: UInt32, window: Int) -> Result<UInt32, BusFault> {
        .success(peek(offset))
    }

    package override func currentRegister(at offset: UInt32, window: Int) -> UInt32 { peek(offset) }

    package override func writeRegister(_ value: UInt32, at offset: UInt32, window: Int) -> Result<Void, BusFault> {
        writeRegister(offset, value)
        return .success(())
    }

    package override func peekRegister(offset: UInt32, window: Int) -> (spec: RegisterSpec, value: UInt32)? {
        guard window != Window.memory, let spec = registers.spec(atOffset: offset & ~3) else { return nil }
        return (spec, peek(offset & ~3))
    }

    /// DR takes most writes while programming: its before-value is always 0, without a lookup.
    package override func writeReplacing(offset: UInt32, value: UInt32, size: AccessSize, window: Int)
        -> (before: UInt32, result: Result<Void, BusFault>)
    {
        if window != Window.memory, offset & ~3 == OctoSPIRegister.dr.offset {
            return (0, write(offset: offset, value: value, size: size, window: window))
        }
        return super.writeReplacing(offset: offset, value: value, size: size, window: window)
    }

    package override func peekValue(offset: UInt32, window: Int) -> UInt32? {
        guard window != Window.memory, slot(offset & ~3) != nil else { return nil }
        return peek(offset & ~3)
    }

    package override func regionName(window: Int) -> String {
        switch window {
        case Window.registers: "OCTOSPI1"
        case Window.secureRegisters: "OCTOSPI1 (secure)"
        default: "OCTOSPI1 memory"
        }
    }

    // MARK: Register writes

    /// The one write hook: every register's side effects, by an exhaustive switch.
    func writeRegister(_ offset: UInt32, _ written: UInt32) {
        guard let register = OctoSPIRegister(offset: offset), let index = slot(offset) else { return }
        lineValid = false
        if lockTable[index] && isBusy { return }
        let old = registers[index]
        // RegisterSpec.applyingWrite, on the cached masks.
        let masks = maskTable[index]
        var new = (old & ~masks.readWrite) | (written & masks.readWrite)
        new &= ~(written & masks.writeOneToClear)
        new |= written & masks.setOnly
        switch register {
        case .cr: writeControl(old: old, new: new, written: written)
        case .fcr: flags &= ~(written & OctoSPIRegisters.Status.clearable)
        case .sr: break  // Read-only: the flags live in `flags` and the transfer state.
        case .dr: pushData(written, .word)  // A whole-word write to the FIFO port, as through the bus.
        case .ir, .ar:
            registers[index] = new
            phaseRegisterWritten(register)
        case .dcr1, .dcr2, .dcr3, .dcr4, .dlr, .psmkr, .psmar, .pir, .ccr, .tcr, .abr, .lptr, .wpccr, .wptcr, .wpir,
            .wpabr, .wccr, .wtcr, .wir, .wabr, .hlcr:
            registers[index] = new
        }
    }

    private func writeControl(old: UInt32, new: UInt32, written: UInt32) {
        if written & OctoSPIRegisters.Control.abort != 0 { abort() }
        var new = new & ~OctoSPIRegisters.Control.abort
        // FMODE cannot change while a command is in progress.
        if isBusy { new = (new & ~OctoSPIRegisters.Control.fmodeMask) | (old & OctoSPIRegisters.Control.fmodeMask) }
        setValue(new, .cr)
    }
}
