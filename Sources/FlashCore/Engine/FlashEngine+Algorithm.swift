/// The operations with an algorithm given as a value (a vendor algorithm run on the
/// emulated core, or any other `FlashAlgorithm`), planned with the sectors and pages it
/// declares and reported by the same machinery as the built-in algorithms.
extension FlashEngine {
    /// Programs an image with `algorithm`: declared sectors erased, pages of its page size programmed.
    public func program(_ image: MemoryImage, using algorithm: any FlashAlgorithm, preserve: Bool = true,
                        verify: Bool = false) throws(EngineError) -> OperationResult {
        for segment in image.segments {
            try checkInAlgorithm(segment.address, algorithm)
            try checkInAlgorithm(segment.address + UInt32(segment.bytes.count - 1), algorithm)
        }
        let intended = image.segments.map {
            AddressRange(from: nonSecure($0.address), to: nonSecure($0.address) + UInt32($0.bytes.count - 1))
        }
        return try performProgram(algorithm: algorithm.name, intended: intended) { result throws in
            programEmbedded(image, algorithm: algorithm, preserve: preserve, result: &result)
            if verify && result.succeeded { result.verifyMismatches = try mismatches(image) }
        }
    }

    /// Erases the declared sectors of `algorithm` that cover a range (without a length, the one holding `start`).
    public func erase(from start: UInt32, length: UInt32? = nil, using algorithm: any FlashAlgorithm) throws(EngineError) -> OperationResult {
        if let length, length == 0 { throw .emptyRange }
        try checkInAlgorithm(start, algorithm)
        if let length { try checkInAlgorithm(try lastAddress(from: start, count: Int(length)), algorithm) }
        return eraseSectors(from: start, length: length, algorithm: algorithm)
    }

    /// Erases one bank as a tool with only this algorithm would: its declared sectors over the bank's range.
    public func eraseBank(_ bank: Int, using algorithm: any FlashAlgorithm) throws(EngineError) -> OperationResult {
        let layout = machine.layout
        guard (1...layout.bankCount).contains(bank) else { throw .noSuchBank(bank, available: layout.bankCount) }
        var result = try erase(from: alias(layout.bankStart(bank), like: algorithm), length: layout.bankSize, using: algorithm)
        result.kind = .bankErase
        return result
    }

    /// Calls the algorithm's EraseChip: a mass erase of the embedded flash, or a chip erase
    /// when the algorithm is for the OCTOSPI flash.
    public func eraseChip(using algorithm: any FlashAlgorithm) -> OperationResult {
        let range = algorithm.addressRange
        let external = FlashRegion.of(range.lowerBound) == .ospi
        let everything = external
            ? [AddressRange(from: range.lowerBound, to: range.upperBound)]
            : machine.layout.addressRanges.map { AddressRange(from: $0.lowerBound, to: $0.upperBound) }
        return perform(external ? .chipErase : .massErase, algorithm: algorithm.name, intended: { everything }) { result in
            guard call("Init", result: &result, algorithm: algorithm, {
                algorithm.initialize(bus: machine.bus, address: range.lowerBound, clock: 0, function: .erase)
            }) else { return }
            defer { _ = call("UnInit", result: &result, algorithm: algorithm, { algorithm.uninitialize(bus: machine.bus, function: .erase) }) }
            _ = call("EraseChip", result: &result, algorithm: algorithm, { algorithm.eraseChip(bus: machine.bus) })
        }
    }

    /// An address must be one the algorithm declares, and, in the embedded flash, one the part has.
    func checkInAlgorithm(_ address: UInt32, _ algorithm: any FlashAlgorithm) throws(EngineError) {
        guard algorithm.addressRange.contains(address) else {
            throw .outsideAlgorithm(address: address, algorithm: algorithm.name, range: algorithm.addressRange)
        }
        switch FlashRegion.of(address) {
        case .flash: try checkInFlash(address)
        case .ospi: _ = try locateOSPI(address)
        case nil: break
        }
    }

    /// What the sectors held before they are erased, for programming with preserve. The OCTOSPI
    /// flash is read as probe-rs reads it: the algorithm's Init(verify) maps it, UnInit ends it.
    func preservedBytes(of sectors: [DeclaredSector], _ algorithm: any FlashAlgorithm,
                        result: inout OperationResult) -> [[UInt8]] {
        guard sectors.contains(where: { FlashRegion.of($0.start) == .ospi }) else {
            return sectors.map { readBytes(from: $0.start, count: Int($0.size)) }
        }
        var bytes: [[UInt8]] = []
        withInitialized(algorithm, .verify, at: algorithm.addressRange.lowerBound, result: &result) { _ in
            bytes = sectors.map { readBytes(from: $0.start, count: Int($0.size)) }
        }
        return bytes
    }
}
