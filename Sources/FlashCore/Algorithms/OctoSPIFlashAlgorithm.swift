/// The STM32L562E-DK external loader for the MX25LM51245G on OCTOSPI1 (reference §2.3–§2.5, §5.1),
/// in CMSIS shape: it resets the flash in all three protocols, switches it to DTR-OPI with 6 dummy
/// cycles, programs 256-byte pages with WREN + auto-polling, and leaves memory-mapped mode on at UnInit.
package final class OctoSPIFlashAlgorithm: FlashAlgorithm {
    package let name = "mx25lm51245g-ospi"
    package let addressRange: ClosedRange<UInt32> = 0x9000_0000...0x93FF_FFFF
    package let pageSize: UInt32 = 256
    package let sectorSize: UInt32 = 0x1000
    package let blockSize: UInt32 = 0x1_0000
    let registerBase: UInt32

    package init(registerBase: UInt32 = OctoSPIRegisters.base) {
        self.registerBase = registerBase
    }

    private func driver(_ bus: Bus) -> OctoSPIDriver { OctoSPIDriver(bus: bus, base: registerBase) }

    private var memoryBase: UInt32 { addressRange.lowerBound }

    package func sector(containing address: UInt32) -> DeclaredSector? {
        guard addressRange.contains(address) else { return nil }
        return DeclaredSector(start: address & ~(sectorSize - 1), size: sectorSize)
    }

    /// The 64 KiB block holding an address (BE4B erases it in one go).
    package func block(containing address: UInt32) -> DeclaredSector? {
        guard addressRange.contains(address) else { return nil }
        return DeclaredSector(start: address & ~(blockSize - 1), size: blockSize)
    }

    package func initialize(bus: Bus, address: UInt32, clock: UInt32, function: AlgorithmFunction) -> UInt32 {
        let ospi = driver(bus)
        guard ospi.configure(dtr: false) else { return 1 }
        // Reset the memory whatever protocol it is in: SPI, then STR-OPI, then DTR-OPI.
        for mode in NORProtocolMode.allCases {
            guard ospi.send(0x66, mode), ospi.send(0x99, mode) else { return 1 }
        }
        guard ospi.waitReady(.spi),
            ospi.send(0x06, .spi),
            ospi.send(0x72, .spi, address: MX25LM51245G.CR2Address.dummyCycles, bytes: [0x07]),
            ospi.send(0x06, .spi),
            ospi.send(0x72, .spi, address: MX25LM51245G.CR2Address.mode, bytes: [0x02]),
            ospi.configure(dtr: true),
            ospi.waitReady(.dtrOPI),
            let mode = ospi.receive(0x71, .dtrOPI, address: MX25LM51245G.CR2Address.mode, dummy: 5, count: 2),
            mode.first == 0x02
        else { return 1 }
        if function == .verify { return ospi.enableMemoryMapped() ? 0 : 1 }
        return 0
    }

    package func uninitialize(bus: Bus, function: AlgorithmFunction) -> UInt32 {
        driver(bus).enableMemoryMapped() ? 0 : 1
    }

    package func programPage(bus: Bus, address: UInt32, bytes: [UInt8]) -> UInt32 {
        guard !bytes.isEmpty else { return 0 }
        guard addressRange.contains(address),
            UInt64(address) + UInt64(bytes.count) - 1 <= UInt64(addressRange.upperBound)
        else { return 1 }
        let ospi = driver(bus)
        guard ospi.abortIfBusy(), ospi.waitReady(.dtrOPI) else { return 1 }
        // DTR moves two bytes per clock: pad to even address and length with 0xFF, which programs nothing.
        var offset = address - memoryBase
        var data = bytes
        if offset % 2 != 0 {
            data.insert(0xFF, at: 0)
            offset -= 1
        }
        if data.count % 2 != 0 { data.append(0xFF) }
        var index = 0
        while index < data.count {
            let position = offset + UInt32(index)
            let room = Int(pageSize - position % pageSize)
            let end = min(index + room, data.count)
            guard ospi.send(0x06, .dtrOPI),
                ospi.send(0x12, .dtrOPI, address: position, bytes: Array(data[index..<end])),
                ospi.waitReady(.dtrOPI)
            else { return 1 }
            index = end
        }
        return 0
    }

    package func eraseSector(bus: Bus, address: UInt32) -> UInt32 {
        erase(bus, opcode: 0x21, address: address)
    }

    /// Erases the 64 KiB block holding `address`.
    package func eraseBlock(bus: Bus, address: UInt32) -> UInt32 {
        erase(bus, opcode: 0xDC, address: address)
    }

    package func eraseChip(bus: Bus) -> UInt32 {
        erase(bus, opcode: 0x60, address: nil)
    }

    private func erase(_ bus: Bus, opcode: UInt8, address: UInt32?) -> UInt32 {
        if let address, !addressRange.contains(address) { return 1 }
        let ospi = driver(bus)
        guard ospi.abortIfBusy(), ospi.waitReady(.dtrOPI), ospi.send(0x06, .dtrOPI),
            ospi.send(opcode, .dtrOPI, address: address.map { $0 - memoryBase }),
            ospi.waitReady(.dtrOPI)
        else { return 1 }
        return 0
    }
}
