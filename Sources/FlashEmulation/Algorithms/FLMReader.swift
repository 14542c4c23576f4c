import FlashFormats

/// Reads a CMSIS-Pack flash algorithm (`.FLM`): an ELF file whose `PrgCode` and `PrgData`
/// sections are the blob, whose `Init`, `UnInit`, `EraseSector`, `ProgramPage` and
/// `EraseChip` symbols are the entry points, and whose `FlashDevice` symbol (section
/// `DevDscr`) declares the device: name, range, page size, erased value and sector table.
package enum FLMReader {
    /// Where a blob linked at address 0 (position independent, as Keil builds them) is loaded; probe-rs's choice.
    package static let defaultLoadAddress: UInt32 = 0x2000_0020

    package static func read(_ bytes: [UInt8], file: String) throws(AlgorithmFileError) -> VendorAlgorithm {
        let elf: ELFObject
        do { elf = try ELFObject(bytes: bytes, file: file) } catch {
            // The error names the file itself; say it once.
            let text = error.description
            throw AlgorithmFileError(
                file: file, reason: text.hasPrefix(file + ": ") ? String(text.dropFirst(file.count + 2)) : text)
        }
        func fail(_ reason: String) -> AlgorithmFileError { AlgorithmFileError(file: file, reason: reason) }
        guard let code = elf.section(named: "PrgCode") else { throw fail("no PrgCode section (not a flash algorithm)") }
        let data = elf.section(named: "PrgData")
        guard
            let deviceSymbol = elf.symbol(named: "FlashDevice")
                ?? elf.section(named: "DevDscr").map({
                    ELFObject.Symbol(name: "FlashDevice", value: $0.address, size: $0.size, sectionIndex: $0.index)
                })
        else { throw fail("no FlashDevice symbol or DevDscr section") }
        guard let descriptor = elf.bytes(from: deviceSymbol.value), descriptor.count >= 168 else {
            throw fail(
                "FlashDevice at \(hexString(deviceSymbol.value)) is not a whole FlashDevice inside the file's sections")
        }
        let blob = try image(code: code, data: data, elf: elf, file: file)
        func entry(_ name: String) -> UInt32? {
            elf.symbol(named: name).map { $0.value &- code.address }
        }
        guard let program = entry("ProgramPage") else { throw fail("no ProgramPage symbol") }
        guard let erase = entry("EraseSector") else { throw fail("no EraseSector symbol") }
        let device = try FlashDeviceDescriptor(descriptor, file: file)
        let algorithm = VendorAlgorithm(
            name: device.name, summary: "FLM, version \(hexString(UInt32(device.version)))", source: .flm,
            blob: blob.bytes,
            loadAddress: code.address == 0 ? defaultLoadAddress : code.address,
            initOffset: entry("Init"), uninitOffset: entry("UnInit"), programPageOffset: program,
            eraseSectorOffset: erase, eraseChipOffset: entry("EraseChip"), dataSectionOffset: blob.dataOffset,
            start: device.start, end: UInt64(device.start) + UInt64(device.size), pageSize: device.pageSize,
            erasedByte: device.erasedByte, sectors: device.sectors)
        try AlgorithmLimits.check(algorithm, file: file)
        return algorithm
    }

    /// PrgCode, then PrgData at its offset from PrgCode, as loaded in RAM. The sizes are
    /// checked against the emulated RAM first: a SHT_NOBITS section claims memory the file
    /// does not carry (up to 4 GiB), and only the file's bytes and that RAM bound what is allocated.
    private static func image(
        code: ELFObject.Section, data: ELFObject.Section?, elf: ELFObject,
        file: String
    ) throws(AlgorithmFileError) -> (bytes: [UInt8], dataOffset: UInt32) {
        func fail(_ reason: String) -> AlgorithmFileError { AlgorithmFileError(file: file, reason: reason) }
        let ram = UInt64(Emulator.ramSize)
        guard UInt64(code.size) <= ram else {
            throw fail("PrgCode is \(code.size) bytes, more than the \(ram)-byte emulated RAM")
        }
        var blob = code.isNoBits ? [UInt8](repeating: 0, count: Int(code.size)) : elf.contents(of: code)
        guard let data else { return (blob, UInt32(blob.count)) }
        guard data.address >= code.address else { throw fail("PrgData does not follow PrgCode") }
        let dataOffset = UInt64(data.address - code.address)
        guard dataOffset + UInt64(data.size) <= ram else {
            throw fail(
                "PrgData ends \(dataOffset + UInt64(data.size)) bytes past the start of PrgCode, beyond the \(ram)-byte emulated RAM"
            )
        }
        let offset = Int(dataOffset)
        blob = Array(blob.prefix(offset)) + [UInt8](repeating: 0, count: max(0, offset - blob.count))
        blob += data.isNoBits ? [UInt8](repeating: 0, count: Int(data.size)) : elf.contents(of: data)
        return (blob, UInt32(dataOffset))
    }

    static func hexString(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}

/// The CMSIS `struct FlashDevice` (FlashOS.h): Vers (u16), DevName[128], DevType (u16),
/// DevAdr, szDev, szPage, Res, valEmpty (u8, padded), toProg, toErase, then up to 512
/// sectors {szSector, AddrSector} ended by 0xFFFFFFFF. What the sizes may be is checked
/// with the rest of the algorithm (`AlgorithmLimits`).
struct FlashDeviceDescriptor {
    let version: UInt16
    let name: String
    let start: UInt32
    let size: UInt32
    let pageSize: UInt32
    let erasedByte: UInt8
    let sectors: [VendorAlgorithm.SectorRun]

    init(_ bytes: [UInt8], file: String) throws(AlgorithmFileError) {
        func word(_ offset: Int) -> UInt32 {
            guard offset + 4 <= bytes.count else { return 0xFFFF_FFFF }
            return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(
                bytes[offset + 3]) << 24
        }
        version = UInt16(bytes[0]) | UInt16(bytes[1]) << 8
        let nameBytes = bytes[2..<130].prefix { $0 != 0 }
        name = PrintableText.escaped(String(decoding: nameBytes, as: UTF8.self))
        start = word(132)
        size = word(136)
        pageSize = word(140)
        erasedByte = bytes[148]
        var sectors: [VendorAlgorithm.SectorRun] = []
        var offset = 160
        while sectors.count < 512 {
            let sectorSize = word(offset)
            let address = word(offset + 4)
            if sectorSize == 0xFFFF_FFFF || address == 0xFFFF_FFFF { break }
            sectors.append(.init(size: sectorSize, address: address))
            offset += 8
        }
        guard size > 0, UInt64(start) + UInt64(size) <= 0x1_0000_0000 else {
            throw AlgorithmFileError(
                file: file,
                reason: "FlashDevice range \(FLMReader.hexString(start)) + \(size) is empty or beyond 32 bits")
        }
        self.sectors = sectors
    }
}
