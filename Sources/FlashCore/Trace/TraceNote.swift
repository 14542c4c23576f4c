/// What a device did in response to one access, kept as data so tracing stays cheap;
/// the text is made only when someone reads the trace.
package enum TraceNote: Sendable, Equatable {
    /// An algorithm entry point or engine step begins.
    case call(String)
    /// The core waited this long for a device (a busy flag) before the access.
    case waited(UInt64)
    case unlocked(String)
    case locked(String)
    case keyRejected(String)
    /// STRT with PER: a page erase began.
    case pageErase(physicalBank: Int, pnb: Int, address: UInt32, size: UInt32)
    /// STRT with MER1/MER2: a bank erase began.
    case bankErase(physicalBank: Int)
    /// A double word was programmed.
    case programmed(address: UInt32)
    /// The controller raised an error flag.
    case flag(StatusFlag, address: UInt32)
    case optionsProgrammed
    case optionsLaunched(bankModeChanged: Bool)
    case busFault(BusFault)
    /// The OCTOSPI controller issued a command to the external NOR flash (decoded on demand).
    case norCommand(NORCommandNote)
    /// An OCTOSPI status flag was raised (TEF, SMF, ...), by name.
    case ospiFlag(String)
    /// An emulated core made the access: the instruction's address and its number in the run.
    case executed(pc: UInt32, instruction: UInt64)
    /// A served client made the access, by this path.
    case from(DebuggerPath)
    /// Anything rarer, already in words.
    case text(String)

    package var text: String {
        switch self {
        case .call(let name): "call \(name)"  // TraceNote.parseCall reads this back
        case .waited(let ns): "after waiting \(formatDuration(ns))"
        case .unlocked(let what): "\(what) unlocked"
        case .locked(let what): "\(what) locked"
        case .keyRejected(let what): "wrong key: \(what) locked until reset"
        case .pageErase(let bank, let pnb, let address, let size):
            "STRT set: erasing page \(pnb) of bank \(bank) (\(hex(address))–\(hex(address + size - 1)))"
        case .bankErase(let bank): "STRT set: erasing all of bank \(bank)"
        case .programmed(let address): "programmed double word at \(hex(address))"
        case .flag(let flag, let address): "\(flag.name) set at \(hex(address))"
        case .optionsProgrammed: "OPTSTRT: option bytes programmed (pending until OBL_LAUNCH)"
        case .optionsLaunched(let changed):
            changed ? "OBL_LAUNCH: option bytes reloaded; bank mode changed" : "OBL_LAUNCH: option bytes reloaded"
        case .busFault(.unmapped): "bus fault: nothing is mapped here"
        case .busFault(.refused(let why)): "bus fault: \(why)"
        case .norCommand(let note): note.text
        case .ospiFlag(let what): "OCTOSPI \(what)"
        case .executed(let pc, let instruction): "by the instruction at \(hex(pc)) (#\(instruction))"  // parseExecuted
        case .from(let path): "from \(path.name)"
        case .text(let text): text
        }
    }
}

/// `81.7 µs`, `22.0 ms`, `1.20 s`.
package func formatDuration(_ nanoseconds: UInt64) -> String {
    func decimal(_ value: UInt64, _ unit: UInt64, places: Int) -> String {
        var scale: UInt64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * scale + unit / 2) / unit
        let whole = scaled / scale
        let fraction = String(scaled % scale)
        return "\(whole)." + String(repeating: "0", count: places - fraction.count) + fraction
    }
    if nanoseconds < 1_000 { return "\(nanoseconds) ns" }
    if nanoseconds < 1_000_000 { return decimal(nanoseconds, 1_000, places: 1) + " µs" }
    if nanoseconds < 1_000_000_000 { return decimal(nanoseconds, 1_000_000, places: 1) + " ms" }
    return decimal(nanoseconds, 1_000_000_000, places: 2) + " s"
}
