/// The engine's work on the OCTOSPI flash, through `OctoSPIFlashAlgorithm` and the bus.
extension FlashEngine {
    var ospiGeometry: NORGeometry? { machine.ospi?.flash.geometry }

    /// Where an OCTOSPI address lands; an error when the part has no OCTOSPI flash or the address is past its end.
    package func locateOSPI(_ address: UInt32) throws(EngineError) -> OctoSPILocation {
        guard let geometry = ospiGeometry else {
            throw .outsideFlash(
                LocateError(address: address, reason: "\(machine.part.name) has no OCTOSPI flash in this model"))
        }
        do { return try OctoSPILocation.locate(address, geometry: geometry) } catch { throw .outsideFlash(error) }
    }

    /// The 4 KiB sectors and 64 KiB blocks that erase exactly the given sectors, fewest operations first:
    /// a block wherever all sixteen of its sectors are wanted.
    func ospiEraseCover(_ sectors: [UInt32], geometry: NORGeometry) -> [DeclaredSector] {
        let wanted = Set(sectors)
        let perBlock = geometry.blockSize / geometry.sectorSize
        var cover: [DeclaredSector] = []
        var index = 0
        let sorted = sectors.sorted()
        while index < sorted.count {
            let sector = sorted[index]
            let blockStart = sector - (sector - FlashRegion.ospiBase) % geometry.blockSize
            let whole =
                sector == blockStart
                && (0..<perBlock).allSatisfy { wanted.contains(blockStart + $0 * geometry.sectorSize) }
            if whole {
                cover.append(DeclaredSector(start: blockStart, size: geometry.blockSize))
                index += Int(perBlock)
            } else {
                cover.append(DeclaredSector(start: sector, size: geometry.sectorSize))
                index += 1
            }
        }
        return cover
    }

    /// Erases the cover through the algorithm, stopping at the first failure.
    func eraseOSPI(_ cover: [DeclaredSector], algorithm: OctoSPIFlashAlgorithm, result: inout OperationResult) -> Bool {
        let bus = machine.bus
        for unit in cover {
            let succeeded =
                unit.size == algorithm.blockSize
                ? call(
                    "EraseBlock(\(hex(unit.start)))", result: &result, algorithm: algorithm,
                    { algorithm.eraseBlock(bus: bus, address: unit.start) })
                : call(
                    "EraseSector(\(hex(unit.start)))", result: &result, algorithm: algorithm,
                    { algorithm.eraseSector(bus: bus, address: unit.start) })
            guard succeeded else { return false }
        }
        return true
    }

    /// Programs the OCTOSPI part of an image (`extents`, sorted, inside the flash): preserve the
    /// uncovered bytes of touched sectors, erase the cheapest cover, then fetch each sector's
    /// bytes from the source and program them in 256-byte pages, leaving memory-mapped mode on.
    /// Throws what the source throws, having stopped at that sector.
    func programOSPI(
        _ image: some ImageSource, extents: [AddressRange], preserve: Bool,
        result: inout OperationResult
    ) throws {
        guard let geometry = ospiGeometry else { return }
        let algorithm = OctoSPIFlashAlgorithm()
        let bus = machine.bus
        let sectorSize = Int(geometry.sectorSize)
        let sectors = CoveredSector.sectors(of: extents, base: FlashRegion.ospiBase, size: geometry.sectorSize)
        let partial = sectors.filter { $0.coveredBytes < UInt64(sectorSize) }
        // Only partly covered sectors holding data are kept: the rest start from an erased buffer anyway.
        var preserved: [UInt32: [UInt8]] = [:]
        if preserve && !partial.isEmpty {
            withInitialized(algorithm, .verify, at: FlashRegion.ospiBase, result: &result) { _ in
                for sector in partial {
                    let old = readBytes(from: sector.start, count: sectorSize)
                    if old.contains(where: { $0 != 0xFF }) { preserved[sector.start] = old }
                }
            }
            guard result.succeeded else { return }
        }
        try withInitialized(algorithm, .program, at: FlashRegion.ospiBase, result: &result) { result throws in
            guard
                eraseOSPI(
                    ospiEraseCover(sectors.map(\.start), geometry: geometry), algorithm: algorithm, result: &result)
            else { return }
            for (index, sector) in sectors.enumerated() {
                var buffer = preserved.removeValue(forKey: sector.start) ?? [UInt8](repeating: 0xFF, count: sectorSize)
                for piece in sector.pieces {
                    let count = Int(piece.count)
                    let bytes = try image.bytes(at: piece.from, count: count)
                    guard bytes.count == count else { throw ImageGapError(address: piece.from, count: count) }
                    let offset = Int(piece.from - sector.start)
                    buffer.replaceSubrange(offset..<offset + count, with: bytes)
                }
                var offset = 0
                while offset < buffer.count {
                    let page = Array(buffer[offset..<offset + Int(geometry.pageSize)])
                    let address = sector.start + UInt32(offset)
                    offset += Int(geometry.pageSize)
                    if page.allSatisfy({ $0 == 0xFF }) { continue }
                    // The hot path (262,144 pages for 64 MiB): no trace note per page, as the loader's own
                    // log has none; a failure is still recorded with its real return code.
                    let code = algorithm.programPage(bus: bus, address: address, bytes: page)
                    guard code == 0 else {
                        result.failedCalls.append("ProgramPage(\(hex(address)), \(page.count)) returned \(code)")
                        return
                    }
                }
                guard reportProgress(index + 1, of: sectors.count) else { return }
            }
        }
    }

    /// Erases the OCTOSPI sectors covering `[start, last]`, with blocks where whole blocks are covered.
    func eraseOSPIRange(from start: UInt32, through last: UInt32, result: inout OperationResult) -> [AddressRange] {
        guard let geometry = ospiGeometry else { return [] }
        let first = start - (start - FlashRegion.ospiBase) % geometry.sectorSize
        let end = last - (last - FlashRegion.ospiBase) % geometry.sectorSize
        let sectors = stride(from: UInt64(first), through: UInt64(end), by: Int(geometry.sectorSize)).map { UInt32($0) }
        let algorithm = OctoSPIFlashAlgorithm()
        withInitialized(algorithm, .erase, at: start, result: &result) { result in
            _ = eraseOSPI(ospiEraseCover(sectors, geometry: geometry), algorithm: algorithm, result: &result)
        }
        return [AddressRange(from: start, to: last)]
    }

    /// Reads OCTOSPI flash through the memory-mapped window (the algorithm's Init(verify) turns it on).
    func readOSPI(from address: UInt32, count: Int) -> [UInt8]? {
        let algorithm = OctoSPIFlashAlgorithm()
        guard algorithm.initialize(bus: machine.bus, address: address, clock: 0, function: .verify) == 0 else {
            return nil
        }
        return readBytes(from: address, count: count)
    }
}

extension FlashEngine {
    func performOSPI(
        _ kind: OperationResult.Kind, intended: [AddressRange],
        _ body: (inout OperationResult) -> Void
    ) -> OperationResult {
        perform(kind, algorithm: OctoSPIFlashAlgorithm().name, intended: { intended }, body)
    }

    /// Erases the OCTOSPI sectors holding `[start, start + length)`; without a length, the sector holding `start`.
    func eraseOSPI(from start: UInt32, length: UInt32?) throws(EngineError) -> OperationResult {
        let first = try locateOSPI(start)
        let last =
            try length.map { length throws(EngineError) in try lastAddress(from: start, count: Int(length)) }
            ?? (first.sectorAddress + first.sectorSize - 1)
        guard FlashRegion.of(last) == .ospi else {
            throw .outsideFlash(
                LocateError(
                    address: last, reason: "the range runs out of the OCTOSPI flash; erase each region on its own"))
        }
        _ = try locateOSPI(last)
        let from = length == nil ? first.sectorAddress : start
        return performOSPI(.erase, intended: [AddressRange(from: from, to: last)]) { result in
            _ = eraseOSPIRange(from: first.sectorAddress, through: last, result: &result)
        }
    }

    /// Erases the whole OCTOSPI flash (chip erase).
    package func eraseOSPIChip() throws(EngineError) -> OperationResult {
        _ = try locateOSPI(FlashRegion.ospiBase)
        guard let geometry = ospiGeometry else {
            throw .outsideFlash(LocateError(address: FlashRegion.ospiBase, reason: "no OCTOSPI flash"))
        }
        let everything = AddressRange(from: FlashRegion.ospiBase, to: FlashRegion.ospiBase + geometry.size - 1)
        return performOSPI(.chipErase, intended: [everything]) { result in
            let algorithm = OctoSPIFlashAlgorithm()
            withInitialized(algorithm, .erase, at: FlashRegion.ospiBase, result: &result) { result in
                _ = call("EraseChip", result: &result, algorithm: algorithm, { algorithm.eraseChip(bus: machine.bus) })
            }
        }
    }

}

/// What `ospi info` reports about the OCTOSPI flash.
package struct OctoSPIInfo: Equatable, Sendable {
    /// As read with RDID through the controller.
    package var jedecID: [UInt8]
    package var size: UInt32
    package var protocolMode: NORProtocolMode
    package var dummyCycles: Int
    package var controllerMode: OctoSPIRegisters.FunctionalMode
    package var sectorsHoldingData: Int
}

extension FlashEngine {
    /// Reads the JEDEC ID over the bus (in whatever protocol the flash is in) and reports the flash's state.
    package func identifyOSPI() throws(EngineError) -> OctoSPIInfo {
        guard let ospi = machine.ospi else {
            throw .outsideFlash(
                LocateError(
                    address: FlashRegion.ospiBase, reason: "\(machine.part.name) has no OCTOSPI flash in this model"))
        }
        let driver = OctoSPIDriver(bus: machine.bus, base: OctoSPIRegisters.base)
        let mode = ospi.flash.mode
        var id: [UInt8]?
        if driver.configure(dtr: mode == .dtrOPI) {
            switch mode {
            case .spi: id = driver.receive(0x9F, .spi, count: 3)
            case .strOPI: id = driver.receive(0x9F, .strOPI, address: 0, dummy: 4, count: 3)
            case .dtrOPI: id = driver.receive(0x9F, .dtrOPI, address: 0, dummy: 5, count: 4).map { Array($0.prefix(3)) }
            }
        }
        return OctoSPIInfo(
            jedecID: id ?? [], size: ospi.flash.geometry.size, protocolMode: ospi.flash.mode,
            dummyCycles: ospi.flash.octalReadDummyCycles, controllerMode: ospi.controller.functionalMode,
            sectorsHoldingData: ospi.flash.allocatedSectors)
    }
}
