/// The operations every front end uses. Each runs a flash algorithm against the
/// machine through the bus and reports what the device did.
package final class FlashEngine {
    package let machine: Machine
    /// Told after each sector of a program; answering `.stop` ends it with `EngineError.stopped`.
    package var progress: ProgressObserver?
    /// Set when the observer asked to stop; the program then ends at the next sector.
    var stopRequested = false
    /// The machine's reset count when the current operation began: after a reset nothing more runs.
    private var resetsAtStart = 0

    package init(machine: Machine) {
        self.machine = machine
    }

    package static let defaultAlgorithm = InternalFlashAlgorithm.Geometry.bankAware.rawValue
    package static let algorithmNames = InternalFlashAlgorithm.Geometry.allCases.map(\.rawValue)

    /// A built-in algorithm for this machine's model assumptions. Front ends resolve the names
    /// users type (`InternalFlashAlgorithm.named`); the operations take algorithm values only.
    package func builtIn(_ geometry: InternalFlashAlgorithm.Geometry = .bankAware) -> InternalFlashAlgorithm {
        InternalFlashAlgorithm(geometry, assumptions: machine.controller.assumptions)
    }

    private var bus: Bus { machine.bus }

    // MARK: Operations

    /// Programs an image. With `preserve`, bytes of each erased sector that the image
    /// does not cover are read first and written back (pyOCD's default). The OCTOSPI part is
    /// read from the source sector by sector as it is programmed; if the source fails, the
    /// operation stops there and this throws `.imageUnreadable` (the machine is then part-way).
    ///
    /// A vendor algorithm (any other `FlashAlgorithm`) programs only its declared range, with its
    /// declared sectors and page size; a built-in one also hands the OCTOSPI part to the board's
    /// OCTOSPI algorithm.
    package func program(
        _ image: some ImageSource, using chosen: (any FlashAlgorithm)? = nil, preserve: Bool = true,
        verify: Bool = false
    ) throws(EngineError) -> OperationResult {
        let algorithm: InternalFlashAlgorithm
        switch chosen {
        case nil: algorithm = builtIn()
        case let builtIn as InternalFlashAlgorithm: algorithm = builtIn
        case let vendor?: return try program(image, vendor: vendor, preserve: preserve, verify: verify)
        }
        let extents = image.extents.sorted { $0.from < $1.from }
        let external = extents.clipped(to: FlashRegion.ospiBase, end: FlashRegion.ospiWindowEnd)
        for extent in external {
            _ = try locateOSPI(extent.from)
            _ = try locateOSPI(extent.to)
        }
        try checkOTPProgrammable(systemExtents(extents))
        let embeddedExtents = withoutSystem(extents.excluding(FlashRegion.ospiBase, end: FlashRegion.ospiWindowEnd))
        try checkInFlash(embeddedExtents)
        // The embedded flash holds at most 512 KB (twice, with the secure alias), so its part is read whole.
        let materialized: MemoryImage
        do { materialized = try image.materialized(end: UInt64(FlashRegion.ospiBase)) } catch {
            throw .imageUnreadable(oneLine(error))
        }
        let otp = materialized.clipped(to: SystemArea.otpBase, end: SystemArea.systemEnd)
        let embedded = try self.image(
            materialized.excluding(SystemArea.otpBase, end: SystemArea.systemEnd), inAliasOf: algorithm)
        let intended = extents.map {
            AddressRange(from: FlashLayout.nonSecureTwin($0.from), to: FlashLayout.nonSecureTwin($0.to))
        }
        let names =
            (embedded.isEmpty ? [] : [algorithm.name]) + (external.isEmpty ? [] : [OctoSPIFlashAlgorithm().name])
            + (otp.isEmpty ? [] : [Self.otpSequenceName])
        return try performProgram(algorithm: names.joined(separator: " + "), intended: intended) { result throws in
            if !embedded.isEmpty {
                programEmbedded(embedded, algorithm: algorithm, preserve: preserve, result: &result)
            }
            if !external.isEmpty && goesOn(result) {
                try programOSPI(image, extents: external, preserve: preserve, result: &result)
            }
            if !otp.isEmpty && goesOn(result) { programOTP(otp, result: &result) }
            if verify && goesOn(result) { result.verifyMismatches = try mismatches(image) }
        }
    }

    func programEmbedded(
        _ image: MemoryImage, algorithm: any FlashAlgorithm, preserve: Bool,
        result: inout OperationResult
    ) {
        // An OCTOSPI algorithm must not find the controller reconfigured between its calls, so
        // there the old contents are read first, as probe-rs does (its declared sectors need no Init).
        let external = FlashRegion.of(algorithm.addressRange.lowerBound) == .ospi
        let preserved =
            preserve && external
            ? preservedBytes(of: self.sectors(of: image, algorithm), algorithm, result: &result) : nil
        guard result.succeeded else { return }
        // CMSIS: Init's address is the device base, as probe-rs and pyOCD pass it; vendor
        // algorithms (the Keil STM32L5 one) compute banks from it.
        withInitialized(algorithm, .program, at: algorithm.addressRange.lowerBound, result: &result) { result in
            let sectors = self.sectors(of: image, algorithm)
            for (index, sector) in sectors.enumerated() {
                var buffer = [UInt8](repeating: 0xFF, count: Int(sector.size))
                if preserve {
                    buffer =
                        preserved.flatMap { index < $0.count ? $0[index] : nil }
                        ?? readContents(from: sector.start, count: Int(sector.size))
                }
                let fromImage = ProgramRuns.overlay(image, onto: &buffer, at: sector.start)
                guard
                    call(
                        "EraseSector(\(hex(sector.start)))", result: &result, algorithm: algorithm,
                        { algorithm.eraseSector(bus: bus, address: sector.start) })
                else { return }
                let runs = ProgramRuns.runs(
                    buffer: buffer, fromImage: fromImage, keepsData: preserve, pageSize: Int(algorithm.pageSize))
                for run in runs {
                    let chunk = Array(buffer[run])
                    let address = sector.start + UInt32(run.lowerBound)
                    guard
                        call(
                            "ProgramPage(\(hex(address)), \(chunk.count))", result: &result, algorithm: algorithm,
                            { algorithm.programPage(bus: bus, address: address, bytes: chunk) })
                    else { return }
                }
                guard reportProgress(index + 1, of: sectors.count) else { return }
            }
        }
    }

    /// Erases the sectors (as the algorithm declares them) that cover a range; without a length,
    /// the one sector holding `start` (which then counts as asked for in full).
    package func erase(from start: UInt32, length: UInt32? = nil, using chosen: (any FlashAlgorithm)? = nil)
        throws(EngineError) -> OperationResult
    {
        if let length, length == 0 { throw .emptyRange }
        if let vendor = chosen, !(vendor is InternalFlashAlgorithm) {
            return try erase(from: start, length: length, vendor: vendor)
        }
        if FlashRegion.of(start) == .ospi { return try eraseOSPI(from: start, length: length) }
        if FlashRegion.of(start) == .system { throw .outsideFlash(systemEraseRefusal(start)) }
        let algorithm = chosen ?? builtIn()
        try checkInFlash(start)
        if let length { try checkInFlash(try lastAddress(from: start, count: Int(length))) }
        return eraseSectors(from: start, length: length, algorithm: algorithm)
    }

    /// Erase by declared sectors, once the range has been checked. The range is taken in the
    /// algorithm's alias, so a secure-alias address names the same sectors as its twin.
    func eraseSectors(from requested: UInt32, length: UInt32?, algorithm: any FlashAlgorithm) -> OperationResult {
        let start = alias(requested, like: algorithm)
        var intended: [AddressRange] = []
        return perform(.erase, algorithm: algorithm.name, intended: { intended }) { result in
            withInitialized(algorithm, .erase, at: algorithm.addressRange.lowerBound, result: &result) { result in
                guard let first = algorithm.sector(containing: start), first.contains(start) else {
                    result.failedCalls.append("no sector declared at \(hex(start))")
                    return
                }
                let last = length.map { start &+ ($0 - 1) } ?? UInt32(first.end - 1)
                intended = [
                    AddressRange(
                        from: FlashLayout.nonSecureTwin(length == nil ? first.start : start),
                        to: FlashLayout.nonSecureTwin(last))
                ]
                var address = first.start
                while UInt64(address) <= UInt64(last) {
                    guard let sector = algorithm.sector(containing: address), sector.contains(address) else {
                        result.failedCalls.append("no sector declared at \(hex(address))")
                        return
                    }
                    guard
                        call(
                            "EraseSector(\(hex(sector.start)))", result: &result, algorithm: algorithm,
                            { algorithm.eraseSector(bus: bus, address: sector.start) })
                    else { return }
                    guard sector.end <= UInt64(UInt32.max) else { return }
                    address = UInt32(sector.end)
                }
            }
        }
    }

    /// Erases one bank (1 or 2, as mapped now). The bank-aware algorithm uses MER1/MER2;
    /// the others erase the bank's address range sector by sector, as their tools would.
    package func eraseBank(_ bank: Int, using chosen: (any FlashAlgorithm)? = nil) throws(EngineError)
        -> OperationResult
    {
        let layout = machine.layout
        guard (1...layout.bankCount).contains(bank) else { throw .noSuchBank(bank, available: layout.bankCount) }
        let chosen = chosen ?? builtIn()
        guard let algorithm = chosen as? InternalFlashAlgorithm, algorithm.geometry == .bankAware else {
            // Without MER1/MER2 knowledge a tool erases the bank's range sector by sector.
            var result = try erase(
                from: alias(layout.bankStart(bank), like: chosen), length: layout.bankSize, using: chosen)
            result.kind = .bankErase
            return result
        }
        let range = AddressRange(from: layout.bankStart(bank), to: layout.bankStart(bank) + layout.bankSize - 1)
        return perform(.bankErase, algorithm: algorithm.name, intended: { [range] }) { result in
            withInitialized(algorithm, .erase, at: range.from, result: &result) { result in
                _ = call("EraseBank(\(bank))", result: &result, { algorithm.eraseBank(bus: bus, bank: bank) })
            }
        }
    }

    /// Erases the whole embedded flash (MER1 and MER2), or calls a vendor algorithm's EraseChip.
    package func massErase(using chosen: (any FlashAlgorithm)? = nil) -> OperationResult {
        eraseChip(using: chosen ?? builtIn())
    }

    /// Programs option bytes (they become pending) through the register sequence of reference §5;
    /// with `launch`, OBL_LAUNCH follows and they take effect.
    package func setOptions(_ settings: [(name: String, value: UInt32)], launch: Bool) throws(EngineError)
        -> OperationResult
    {
        var target = machine.controller.pending
        do { try target.apply(settings, part: machine.part, assumptions: machine.controller.assumptions) } catch {
            throw .badOption(error)
        }
        return perform(launch ? .launch : .optionBytes, algorithm: "option-bytes", intended: { [] }) { result in
            var sequence = OptionSequence(bus: bus)
            sequence.program(target, launch: launch)
            result.failedCalls += sequence.failures
        }
    }

    /// OBL_LAUNCH: pending option bytes take effect (and the layout may change) under a system reset.
    package func launchOptions() -> OperationResult {
        perform(.launch, algorithm: "option-bytes", intended: { [] }) { result in
            var sequence = OptionSequence(bus: bus)
            sequence.launch()
            result.failedCalls += sequence.failures
        }
    }

    /// Runs an operation on a scratch copy and reports what it would do; the machine is untouched.
    /// With `pending`, the copy first launches the pending option bytes.
    package func plan(
        withPendingOptions pending: Bool = false,
        _ operation: (FlashEngine) throws -> OperationResult
    ) rethrows -> OperationResult {
        let scratch = FlashEngine(machine: machine.scratchCopy())
        if pending { _ = scratch.launchOptions() }
        var result = try operation(scratch)
        result.predicted = true
        return result
    }

    // MARK: Running an operation

    /// Runs `body`, then reads what the controller did. `intended` is asked after the body ran,
    /// since some requests are only known once the algorithm has declared its sectors.
    func perform(
        _ kind: OperationResult.Kind, algorithm: String, intended: () -> [AddressRange],
        _ body: (inout OperationResult) -> Void
    ) -> OperationResult {
        let start = beginOperation()
        var result = OperationResult(kind: kind, algorithm: algorithm)
        body(&result)
        account(since: start, intended: intended(), into: &result)
        return result
    }

    /// Marks the start of an operation: what the flashes and option bytes hold, the clock and
    /// the trace count; the controllers' event lists start empty.
    package func beginOperation() -> OperationStart {
        let start = OperationStart(
            flash: machine.controller.array.bytes, effective: machine.controller.effective,
            pending: machine.controller.pending, ospi: machine.ospi?.flash.sectorSnapshot, time: machine.clock.now,
            accesses: machine.trace.count, resets: machine.resetCount)
        machine.ospi?.flash.clearEvents()
        machine.controller.clearEvents()
        resetsAtStart = machine.resetCount
        return start
    }

    /// What the chip did since `start`, from the controllers' events: pages erased with the
    /// command that erased them, bytes programmed, flags raised, option changes, collateral
    /// outside `asked`. Every front end (commands, the UI, a debug client) accounts this way.
    package func account(
        since start: OperationStart, intended asked: [AddressRange], into result: inout OperationResult
    ) {
        let controller = machine.controller
        let before = start.flash
        let effectiveBefore = start.effective
        let pendingBefore = start.pending
        let ospiBefore = start.ospi
        let startTime = start.time
        let startAccesses = start.accesses
        var erasedPages: [FlashPage] = []
        var programmed: [UInt32] = []
        var resetEffects: [String] = []
        for event in controller.events {
            switch event {
            case .pageErased(let page, let sentPNB, let sentBKER):
                erasedPages.append(page)
                result.erased.append(
                    ErasedPage(
                        pageAddress: page.address, pnb: page.pnb, bker: page.bker,
                        pageSize: page.size, physicalBank: page.physicalBank,
                        command: "PER PNB \(sentPNB) BKER \(sentBKER)", sentPNB: sentPNB, sentBKER: sentBKER))
            case .bankErased(let bank, let command):
                let layout = controller.layout
                for pnb in 0..<layout.pagesPerBank {
                    if let page = layout.page(physicalBank: bank, pnb: pnb) {
                        erasedPages.append(page)
                        result.erased.append(
                            ErasedPage(
                                pageAddress: page.address, pnb: page.pnb, bker: page.bker,
                                pageSize: page.size, physicalBank: page.physicalBank, command: command))
                    }
                }
            case .programmed(let address):
                programmed.append(address)
            case .flagRaised(let flag, let address):
                let explainer = Explainer(layout: controller.layout, controller: controller, erased: erasedPages)
                result.errors.append(
                    OperationError(
                        flag: flag.name, address: address,
                        explanation: explainer.explain(flag, at: address)))
            case .readoutRegressed(let level):
                resetEffects.append(
                    "RDP \(level) → level 0: the user flash was mass-erased before the level dropped")
                let layout = controller.layout
                for bank in 1...2 {
                    for pnb in 0..<layout.pagesPerBank {
                        guard let page = layout.page(physicalBank: bank, pnb: pnb),
                            !erasedPages.contains(where: { $0.physicalOffset == page.physicalOffset })
                        else { continue }
                        erasedPages.append(page)
                        result.erased.append(
                            ErasedPage(
                                pageAddress: page.address, pnb: page.pnb, bker: page.bker, pageSize: page.size,
                                physicalBank: page.physicalBank, command: "OBL_LAUNCH (RDP regression to level 0)"))
                    }
                }
            case .optionsLaunched(let bankModeChanged):
                if bankModeChanged {
                    resetEffects.append(
                        controller.assumptions.bankModeChange == .erase
                            ? "the bank mode changed: the flash was erased (assumption bank-mode-change=erase)"
                            : "the bank mode changed: contents stayed put (assumption bank-mode-change=keep)")
                }
            case .optionsProgrammed, .optionsRefused, .keySequenceRejected:
                break
            }
        }
        if machine.resetCount != start.resets, let reset = machine.lastReset {
            result.reset = DeviceReset(cause: reset.cause, effects: resetEffects, boot: machine.boot)
        }
        let counted = ProgrammedBytes.embedded(
            doubleWords: programmed, intended: asked, before: before,
            after: controller.array.bytes, layout: controller.layout)
        result.bytesProgrammed += counted.image
        result.bytesPreserved += counted.preserved
        result.collateral = Collateral.embedded(
            before: before, after: controller.array.bytes, intended: asked,
            layout: machine.layout)
        result.optionChanges =
            OptionChange.between(effectiveBefore, controller.effective, staged: false)
            + OptionChange.between(pendingBefore, controller.pending, staged: true).filter {
                controller.pending.value(of: $0.field) != controller.effective.value(of: $0.field)
            }
        if let flash = machine.ospi?.flash, let ospiBefore {
            for erasure in flash.erasures {
                result.erased.append(
                    ErasedPage(
                        region: .ospi, pageAddress: FlashRegion.ospiBase + erasure.offset,
                        pnb: Int(erasure.offset / erasure.size), bker: 0, pageSize: erasure.size,
                        physicalBank: 0, command: erasure.commandText))
            }
            let external = ProgrammedBytes.ospi(
                programs: flash.programs, intended: asked, before: ospiBefore, flash: flash)
            result.bytesProgrammed += external.image
            result.bytesPreserved += external.preserved
            result.collateral += Collateral.ospi(before: ospiBefore, flash: flash, intended: asked)
        }
        result.deviceTime = machine.clock.now - startTime
        result.accesses = machine.trace.count - startAccesses
    }

    /// `perform` for a program whose image is read as it runs: a read failure ends the body
    /// and is thrown once the result has been gathered.
    func performProgram(
        algorithm: String, intended: [AddressRange],
        _ body: (inout OperationResult) throws -> Void
    ) throws(EngineError) -> OperationResult {
        var failure: (any Error)?
        stopRequested = false
        let result = perform(.program, algorithm: algorithm, intended: { intended }) { result in
            do { try body(&result) } catch { failure = error }
        }
        if let failure { throw .imageUnreadable(oneLine(failure)) }
        if stopRequested { throw .stopped }
        return result
    }

    /// An error's description on one line, for a message that must be one.
    func oneLine(_ error: any Error) -> String {
        String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Calls an entry point and records a failure; returns whether it succeeded. After a system
    /// reset (OBL_LAUNCH) nothing runs any more: the core that was running the algorithm restarted.
    func call(
        _ name: String, result: inout OperationResult, algorithm: (any FlashAlgorithm)? = nil,
        _ entry: () -> UInt32
    ) -> Bool {
        guard machine.resetCount == resetsAtStart else { return false }
        machine.trace.note(.call(name))
        let code = entry()
        if machine.resetCount != resetsAtStart {
            result.failedCalls.append(
                "\(name) reset by OBL_LAUNCH: \(algorithm?.failureDetail ?? "the call never returned")")
            return false
        }
        if code != 0 {
            if let detail = algorithm?.failureDetail {
                result.failedCalls.append("\(name) faulted: \(detail)")
            } else {
                result.failedCalls.append("\(name) returned \(code)")
            }
        }
        return code == 0
    }

    // MARK: Helpers

    /// The last address of `count` bytes from `start`; an error, not a wrap, past 4 GiB.
    func lastAddress(from start: UInt32, count: Int) throws(EngineError) -> UInt32 {
        let last = UInt64(start) + UInt64(max(count, 1)) - 1
        guard last <= UInt64(UInt32.max) else {
            throw .outsideFlash(
                LocateError(
                    address: start, reason: "\(count) bytes from here run past the end of the 4 GiB address space"))
        }
        return UInt32(last)
    }

    func checkInFlash(_ address: UInt32) throws(EngineError) {
        do { _ = try machine.layout.locate(address) } catch { throw .outsideFlash(error) }
        try checkAliasAnswers(address)
    }

    private func checkInFlash(_ extents: [AddressRange]) throws(EngineError) {
        for extent in extents {
            var offset: UInt64 = 0
            while offset < extent.count {
                try checkInFlash(extent.from + UInt32(offset))
                offset += 2048
            }
            try checkInFlash(extent.to)
        }
    }

    /// The declared sectors an image touches, in address order.
    private func sectors(of image: MemoryImage, _ algorithm: any FlashAlgorithm) -> [DeclaredSector] {
        Self.sectors(of: image, algorithm).sectors
    }

    /// The declared sectors an image touches, in address order, and the first address of it no
    /// sector covers, if any (the rest of that segment is skipped; later segments are not).
    package static func sectors(of image: MemoryImage, _ algorithm: any FlashAlgorithm) -> (
        sectors: [DeclaredSector], uncovered: UInt32?
    ) {
        var result: [DeclaredSector] = []
        var uncovered: UInt32?
        for segment in image.segments {
            var address = UInt64(segment.address)
            while address < segment.end {
                guard let sector = algorithm.sector(containing: UInt32(address)), sector.contains(UInt32(address))
                else {
                    uncovered = uncovered ?? UInt32(address)
                    break
                }
                if result.last != sector { result.append(sector) }
                address = sector.end
            }
        }
        return (result, uncovered)
    }

    /// Reads through the bus a word at a time from word-aligned addresses, as a debugger does,
    /// so the last bytes of a flash read the same at any alignment.
    func readBytes(from address: UInt32, count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        let first = UInt64(address) & ~3
        let end = UInt64(address) + UInt64(count)
        let words = Int((end - first + 3) / 4)
        // Whole words into a buffer, then the requested bytes out of it (a 64 MiB read-back is
        // 16 million words: no per-byte bounds logic in the loop).
        var buffer = [UInt8](repeating: 0, count: words * 4)
        buffer.withUnsafeMutableBytes { raw in
            for index in 0..<words {
                let value = bus.read(UInt32(first + UInt64(index) * 4)) ?? 0xFFFF_FFFF
                raw.storeBytes(of: value.littleEndian, toByteOffset: index * 4, as: UInt32.self)
            }
        }
        let skip = Int(UInt64(address) - first)
        return skip == 0 && buffer.count == count ? buffer : Array(buffer[skip..<skip + count])
    }

    /// Reads flash through the bus without tracing (for `read` and comparisons).
    /// With `asContents`, each page is read through the alias that may see it (FlashEngine+DeviceView).
    package func read(from address: UInt32, count: Int, asContents: Bool = false) throws(EngineError) -> [UInt8] {
        guard count > 0 else { return [] }
        try checkReadable(from: address, count: count)
        if FlashRegion.of(address) == .ospi {
            let wasTracing = machine.trace.isEnabled
            machine.trace.isEnabled = false
            defer { machine.trace.isEnabled = wasTracing }
            guard let bytes = readOSPI(from: address, count: count) else {
                throw .outsideFlash(LocateError(address: address, reason: "the OCTOSPI flash did not answer"))
            }
            return bytes
        }
        let wasTracing = machine.trace.isEnabled
        machine.trace.isEnabled = false
        defer { machine.trace.isEnabled = wasTracing }
        // The simulator's own view: readout protection refuses debuggers, not the host.
        return bus.with(origin: .host) {
            asContents ? readContents(from: address, count: count) : readBytes(from: address, count: count)
        }
    }

    /// Whether `read` would accept the range: inside one flash, not past 4 GiB. Lets a caller
    /// that reads a large range in pieces refuse it before writing anything.
    package func checkReadable(from address: UInt32, count: Int) throws(EngineError) {
        guard count > 0 else { return }
        let last = try lastAddress(from: address, count: count)
        if FlashRegion.of(address) == .ospi {
            _ = try locateOSPI(address)
            _ = try locateOSPI(last)
        } else if FlashRegion.of(address) == .system {
            try checkSystemReadable(from: address, to: last)
        } else {
            try checkInFlash(address)
            try checkInFlash(last)
        }
    }

    /// Where the flash differs from the image, compared 64 KiB at a time so the image is never read whole.
    func mismatches(_ image: some ImageSource) throws -> [AddressRange] {
        var ranges: [AddressRange] = []
        for extent in image.extents {
            // The OCTOSPI flash is read the engine's own way: the algorithm may have left the controller unmapped.
            if FlashRegion.of(extent.from) == .ospi {
                _ = OctoSPIFlashAlgorithm().initialize(bus: bus, address: extent.from, clock: 0, function: .verify)
            }
            for (address, count) in extent.pieces(of: 64 << 10) {
                let expected = try image.bytes(at: address, count: count)
                guard expected.count == count else { throw ImageGapError(address: address, count: count) }
                let actual = bus.with(origin: .host) { readContents(from: address, count: count) }
                for index in 0..<count where actual[index] != expected[index] {
                    append(FlashLayout.nonSecureTwin(address) + UInt32(index), to: &ranges)
                }
            }
        }
        return ranges
    }

    private func append(_ address: UInt32, to ranges: inout [AddressRange]) {
        if let last = ranges.last, last.to &+ 1 == address {
            ranges[ranges.count - 1].to = address
        } else {
            ranges.append(AddressRange(from: address, to: address))
        }
    }
}
