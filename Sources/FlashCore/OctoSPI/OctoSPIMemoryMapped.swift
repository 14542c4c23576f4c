/// Memory-mapped mode (FMODE = 11, reference §2.5): reads through the 0x9000_0000 window issue the
/// CCR/TCR/IR read command; writes issue the WCCR/WTCR/WIR command, which a NOR ignores without WEL.
extension OctoSPIController {
    private enum Refusal { case fault(BusFault), idle }

    private func mappedAccessRefused(offset: UInt32, size: AccessSize) -> Refusal? {
        let control = self.control
        let mappedMode = OctoSPIRegisters.ControlField.fmode.inserting(
            OctoSPIRegisters.FunctionalMode.memoryMapped.rawValue, into: 0)
        guard control & OctoSPIRegisters.Control.en != 0,
            control & OctoSPIRegisters.Control.fmodeMask == mappedMode
        else {
            return assumptions.idleWindowAccess == .busFault
                ? .fault(.refused("OCTOSPI1 is not in memory-mapped mode")) : .idle
        }
        if UInt64(offset) + UInt64(size.rawValue) > deviceSize {
            flags |= OctoSPIRegisters.Status.tef
            trace.note(.ospiFlag("TEF: address beyond DEVSIZE"))
            return .fault(.refused("beyond the device size set by DCR1.DEVSIZE"))
        }
        // With the timeout counter off, nCS stays low after the access and BUSY stays set until ABORT.
        mappedActive = control & OctoSPIRegisters.Control.tcen == 0
        return nil
    }

    func readMapped(offset: UInt32, size: AccessSize) -> Result<UInt32, BusFault> {
        if lineValid, offset >= lineBase, offset - lineBase + UInt32(size.rawValue) <= UInt32(line.count) {
            // Served from the prefetched line: it was fetched under the same, unchanged configuration
            // (any register write drops it), so the mode and DEVSIZE checks passed for it.
            let start = Int(offset - lineBase)
            var value: UInt32 = 0
            for byte in 0..<size.rawValue { value |= UInt32(line[start + byte]) << UInt32(8 * byte) }
            return .success(value)
        }
        switch mappedAccessRefused(offset: offset, size: size) {
        case .fault(let fault): return .failure(fault)
        case .idle: return .success(0)
        case nil: break
        }
        var value: UInt32 = 0
        var fetched = false
        for byte in 0..<size.rawValue {
            let address = offset + UInt32(byte)
            if (!lineValid && !fetched) || address < lineBase || address - lineBase >= UInt32(line.count) {
                fetchLine(address)
                fetched = true
            }
            value |= UInt32(line[Int(address - lineBase)]) << UInt32(8 * byte)
        }
        return .success(value)
    }

    /// Prefetches one line; only data the flash actually answered is kept for later accesses.
    private func fetchLine(_ address: UInt32) {
        let base = address & ~UInt32(Self.lineSize - 1)
        let count = Int(min(UInt64(Self.lineSize), deviceSize - UInt64(base)))
        let transaction = commandFormat.transaction(address: base, data: .read(count: count))
        let response = send(transaction, completes: false)
        line = response.data.count == count ? response.data : Array(repeating: 0xFF, count: count)
        lineBase = base
        lineValid = response.outcome == .accepted
    }

    func writeMapped(offset: UInt32, value: UInt32, size: AccessSize) -> Result<Void, BusFault> {
        switch mappedAccessRefused(offset: offset, size: size) {
        case .fault(let fault): return .failure(fault)
        case .idle: return .success(())
        case nil: break
        }
        let bytes = (0..<size.rawValue).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        _ = send(writeFormat.transaction(address: offset, data: .write(bytes)), completes: false)
        lineValid = false
        return .success(())
    }
}
