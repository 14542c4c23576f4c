/// Reads the loadable contents of an ELF32 little-endian ARM file.
///
/// Every header field is validated before any offset from it is used:
/// magic, class (ELFCLASS32), data encoding (ELFDATA2LSB), version, machine
/// (EM_ARM), program header entry size and table bounds, and each PT_LOAD
/// segment's file range. Each PT_LOAD segment with `p_filesz > 0` is placed at
/// its *physical* (load) address `p_paddr`, so initialised `.data` whose run
/// address is in RAM lands in flash where the startup code copies it from.
/// Segments with no file bytes (`.bss`, stacks) are skipped. A non-zero
/// `e_entry` becomes `startAddress` (zero means "no entry point" in ELF).
struct ELFReader {
    static let headerSize = 52
    static let programHeaderSize = 32
    static let loadType: UInt32 = 1
    static let machineARM: UInt16 = 40

    let file: String
    let bytes: [UInt8]

    /// Byte offset of program header `index`'s `p_paddr` field, for error reports.
    /// Only meaningful after `read` has validated the table.
    func physicalAddressOffset(ofSegment index: Int) -> Int {
        Int(word(28)) + index * Self.programHeaderSize + 12
    }

    func read<Sink: RecordSink>(into sink: inout Sink) throws(FormatError) -> UInt32? {
        try validateHeader()
        let entry = word(24)
        let tableOffset = UInt64(word(28))
        let entrySize = half(42)
        let entryCount = half(44)
        if entryCount == 0 {
            return entry == 0 ? nil : entry
        }
        guard entrySize == Self.programHeaderSize else {
            throw error(42, .badELFHeader(field: "e_phentsize", value: UInt64(entrySize), expected: "32"))
        }
        return try readSegments(entry: entry, tableOffset: tableOffset, entryCount: entryCount, into: &sink)
    }

    /// The identity and machine checks every ELF32 ARM reader starts with (also used for `.FLM` files).
    func validateHeader() throws(FormatError) {
        guard bytes.count >= 4, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46 else {
            throw error(0, .notELF)
        }
        guard bytes.count >= Self.headerSize else {
            throw error(0, .truncatedFile(needed: Self.headerSize, size: bytes.count))
        }
        guard bytes[4] == 1 else { throw error(4, .wrongELFClass(bytes[4])) }
        guard bytes[5] == 1 else { throw error(5, .wrongELFByteOrder(bytes[5])) }
        guard bytes[6] == 1 else {
            throw error(6, .badELFHeader(field: "EI_VERSION", value: UInt64(bytes[6]), expected: "1"))
        }
        let machine = half(18)
        guard machine == Self.machineARM else { throw error(18, .wrongELFMachine(machine)) }
    }

    private func readSegments<Sink: RecordSink>(
        entry: UInt32, tableOffset: UInt64, entryCount: UInt16,
        into sink: inout Sink
    ) throws(FormatError) -> UInt32? {
        guard entryCount != 0xFFFF else {
            throw error(
                44, .badELFHeader(field: "e_phnum", value: 0xFFFF, expected: "below 65535 (PN_XNUM is not supported)"))
        }
        let tableSize = UInt64(entryCount) * UInt64(Self.programHeaderSize)
        guard tableOffset + tableSize <= UInt64(bytes.count) else {
            throw error(28, .programHeadersOutsideFile(offset: tableOffset, size: tableSize, fileSize: bytes.count))
        }
        try bytes.withUnsafeBufferPointer { (buffer) throws(FormatError) in
            guard let base = buffer.baseAddress else { return }
            for index in 0..<Int(entryCount) {
                let header = Int(tableOffset) + index * Self.programHeaderSize
                guard word(header) == Self.loadType else { continue }
                let offset = UInt64(word(header + 4))
                let physical = word(header + 12)
                let fileSize = UInt64(word(header + 16))
                guard fileSize > 0 else { continue }
                guard offset + fileSize <= UInt64(bytes.count) else {
                    throw error(
                        header + 4,
                        .segmentOutsideFile(
                            index: index, offset: offset, size: fileSize,
                            fileSize: bytes.count))
                }
                guard UInt64(physical) + fileSize <= 0x1_0000_0000 else {
                    throw error(header + 12, .addressOverflow(address: UInt64(physical), length: Int(fileSize)))
                }
                sink.data(
                    UnsafeBufferPointer(start: base + Int(offset), count: Int(fileSize)), at: physical, place: index)
            }
        }
        return entry == 0 ? nil : entry
    }

    private func half(_ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private func word(_ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(
            bytes[offset + 3]) << 24
    }

    private func error(_ offset: Int, _ kind: FormatError.Kind) -> FormatError {
        FormatError(file: file, location: .offset(offset), kind: kind)
    }
}
