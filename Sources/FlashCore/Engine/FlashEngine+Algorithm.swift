/// The operations with an algorithm given as a value (a vendor algorithm run on the
/// emulated core, or any other `FlashAlgorithm`), planned with the sectors and pages it
/// declares and reported by the same machinery as the built-in algorithms.
extension FlashEngine {
    /// Programs an image with `algorithm`: declared sectors erased, pages of its page size programmed.
    func program(
        _ source: some ImageSource, vendor algorithm: any FlashAlgorithm, preserve: Bool,
        verify: Bool
    ) throws(EngineError) -> OperationResult {
        for extent in source.extents {
            try checkInAlgorithm(extent.from, algorithm)
            try checkInAlgorithm(extent.to, algorithm)
        }
        // Inside the declared range, so bounded by it: read whole for the sector walk.
        let image: MemoryImage
        do { image = try source.materialized() } catch { throw .imageUnreadable(oneLine(error)) }
        let intended = image.segments.map {
            AddressRange(
                from: FlashLayout.nonSecureTwin($0.address),
                to: FlashLayout.nonSecureTwin($0.address) + UInt32($0.bytes.count - 1))
        }
        return try performProgram(algorithm: algorithm.name, intended: intended) { result throws in
            programEmbedded(image, algorithm: algorithm, preserve: preserve, result: &result)
            if verify && goesOn(result) { result.verifyMismatches = try mismatches(image) }
        }
    }

    /// Erases the declared sectors of `algorithm` that cover a range (without a length, the one holding `start`).
    func erase(from start: UInt32, length: UInt32?, vendor algorithm: any FlashAlgorithm) throws(EngineError)
        -> OperationResult
    {
        try checkInAlgorithm(start, algorithm)
        if let length { try checkInAlgorithm(try lastAddress(from: start, count: Int(length)), algorithm) }
        return eraseSectors(from: start, length: length, algorithm: algorithm)
    }

    /// Calls the algorithm's EraseChip: a mass erase of the embedded flash, or a chip erase
    /// when the algorithm is for the OCTOSPI flash.
    package func eraseChip(using algorithm: any FlashAlgorithm) -> OperationResult {
        let range = algorithm.addressRange
        let external = FlashRegion.of(range.lowerBound) == .ospi
        let everything =
            external
            ? [AddressRange(from: range.lowerBound, to: range.upperBound)]
            : machine.layout.addressRanges.map { AddressRange(from: $0.lowerBound, to: $0.upperBound) }
        return perform(external ? .chipErase : .massErase, algorithm: algorithm.name, intended: { everything }) {
            result in
            withInitialized(algorithm, .erase, at: range.lowerBound, result: &result) { result in
                _ = call("EraseChip", result: &result, algorithm: algorithm, { algorithm.eraseChip(bus: machine.bus) })
            }
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
        case .system: try checkOTPProgrammable([AddressRange(from: address, to: address)])
        case nil: break
        }
    }

    /// What the sectors held before they are erased, for programming with preserve. The OCTOSPI
    /// flash is read as probe-rs reads it: the algorithm's Init(verify) maps it, UnInit ends it.
    func preservedBytes(
        of sectors: [DeclaredSector], _ algorithm: any FlashAlgorithm,
        result: inout OperationResult
    ) -> [[UInt8]] {
        guard sectors.contains(where: { FlashRegion.of($0.start) == .ospi }) else {
            return sectors.map { readContents(from: $0.start, count: Int($0.size)) }
        }
        var bytes: [[UInt8]] = []
        withInitialized(algorithm, .verify, at: algorithm.addressRange.lowerBound, result: &result) { _ in
            bytes = sectors.map { readBytes(from: $0.start, count: Int($0.size)) }
        }
        return bytes
    }

    /// Init for `function`, then `body`, then UnInit, each call noted in the trace and a failing
    /// one recorded with its real return code: the one frame every algorithm operation runs in.
    func withInitialized(
        _ algorithm: any FlashAlgorithm, _ function: AlgorithmFunction, at address: UInt32,
        result: inout OperationResult, _ body: (inout OperationResult) throws -> Void
    ) rethrows {
        let bus = machine.bus
        let suffix = function.callSuffix
        guard
            call(
                "Init\(suffix)", result: &result, algorithm: algorithm,
                {
                    algorithm.initialize(bus: bus, address: address, clock: 0, function: function)
                })
        else { return }
        defer {
            _ = call(
                "UnInit\(suffix)", result: &result, algorithm: algorithm,
                { algorithm.uninitialize(bus: bus, function: function) })
        }
        try body(&result)
    }
}
