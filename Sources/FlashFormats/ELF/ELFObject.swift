/// The sections and symbols of an ELF32 little-endian ARM file (for CMSIS `.FLM` flash
/// algorithms, which are read by section and symbol rather than by program header).
/// The header is validated as `ELFReader` does; every table and offset is bounds-checked.
/// What it keeps is bounded by the file: string and symbol tables must have bytes in the
/// file, symbol tables may not add up to more than the file, and names are cut at
/// `maximumNameLength` bytes.
package struct ELFObject: Sendable {
    /// Names longer than this are cut. The names looked up are short, and without a cut a
    /// string table with no NUL would make every symbol's name a copy of the whole table.
    package static let maximumNameLength = 256

    package struct Section: Sendable, Equatable {
        package let index: Int
        package let name: String
        package let address: UInt32
        package let offset: UInt32
        package let size: UInt32
        package let type: UInt32
        /// SHT_NOBITS: occupies memory but not the file (`.bss`).
        package var isNoBits: Bool { type == 8 }
    }

    package struct Symbol: Sendable, Equatable {
        package let name: String
        package let value: UInt32
        package let size: UInt32
        package let sectionIndex: Int

        package init(name: String, value: UInt32, size: UInt32, sectionIndex: Int) {
            self.name = name
            self.value = value
            self.size = size
            self.sectionIndex = sectionIndex
        }
    }

    package let file: String
    package let sections: [Section]
    package let symbols: [Symbol]
    private let bytes: [UInt8]

    package init(bytes: [UInt8], file: String) throws(FormatError) {
        self.bytes = bytes
        self.file = file
        try ELFReader(file: file, bytes: bytes).validateHeader()
        let tableOffset = Int(Self.word(bytes, 32))
        let entrySize = Int(Self.half(bytes, 46))
        let count = Int(Self.half(bytes, 48))
        let namesIndex = Int(Self.half(bytes, 50))
        guard count == 0 || entrySize == 40 else {
            throw FormatError(
                file: file, location: .offset(46),
                kind: .badELFHeader(field: "e_shentsize", value: UInt64(entrySize), expected: "40"))
        }
        guard tableOffset + count * 40 <= bytes.count else {
            throw FormatError(
                file: file, location: .offset(32),
                kind: .badELFHeader(
                    field: "e_shoff", value: UInt64(tableOffset), expected: "a section table inside the file"))
        }
        var raw: [(name: UInt32, type: UInt32, address: UInt32, offset: UInt32, size: UInt32, link: UInt32)] = []
        for index in 0..<count {
            let header = tableOffset + index * 40
            let entry = (
                name: Self.word(bytes, header), type: Self.word(bytes, header + 4),
                address: Self.word(bytes, header + 12),
                offset: Self.word(bytes, header + 16), size: Self.word(bytes, header + 20),
                link: Self.word(bytes, header + 24)
            )
            if entry.type != 8 && UInt64(entry.offset) + UInt64(entry.size) > UInt64(bytes.count) {
                throw FormatError(
                    file: file, location: .offset(header + 16),
                    kind: .badELFHeader(
                        field: "section \(index) sh_offset+sh_size", value: UInt64(entry.offset) + UInt64(entry.size),
                        expected: "at most the file size \(bytes.count)"))
            }
            raw.append(entry)
        }
        // A string table must be bytes in the file: SHT_NOBITS has an offset and size but no bytes.
        func checkStrings(_ table: Int, for what: String) throws(FormatError) {
            guard table < raw.count, raw[table].type == 8 else { return }
            throw FormatError(
                file: file, location: .offset(tableOffset + table * 40 + 4),
                kind: .badELFHeader(
                    field: "section \(table) sh_type (\(what))", value: 8,
                    expected: "a string table with bytes in the file, not SHT_NOBITS"))
        }
        try checkStrings(namesIndex, for: "the section name table")
        var symbolEntries = 0
        for table in raw where table.type == 2 {
            try checkStrings(Int(table.link), for: "a symbol name table")
            symbolEntries += Int(table.size / 16)
        }
        // Honest symbol tables do not overlap, so together they fit in the file.
        guard symbolEntries <= bytes.count / 16 else {
            throw FormatError(
                file: file, location: .offset(32),
                kind: .badELFHeader(
                    field: "symbol table entries", value: UInt64(symbolEntries),
                    expected: "at most \(bytes.count / 16) (symbol tables overlap)"))
        }
        func string(_ table: Int, _ offset: UInt32) -> String {
            guard table < raw.count else { return "" }
            let start = Int(raw[table].offset) + Int(offset)
            let end = min(Int(raw[table].offset) + Int(raw[table].size), start + Self.maximumNameLength)
            guard start < end else { return "" }
            return String(decoding: bytes[start..<end].prefix { $0 != 0 }, as: UTF8.self)
        }
        sections = raw.enumerated().map { index, entry in
            Section(
                index: index, name: string(namesIndex, entry.name), address: entry.address, offset: entry.offset,
                size: entry.size, type: entry.type)
        }
        var symbols: [Symbol] = []
        for table in raw where table.type == 2 {
            for index in 0..<Int(table.size / 16) {
                let entry = Int(table.offset) + index * 16
                symbols.append(
                    Symbol(
                        name: string(Int(table.link), Self.word(bytes, entry)), value: Self.word(bytes, entry + 4),
                        size: Self.word(bytes, entry + 8), sectionIndex: Int(Self.half(bytes, entry + 14))))
            }
        }
        self.symbols = symbols
    }

    package func section(named name: String) -> Section? { sections.first { $0.name == name } }

    /// A defined symbol by name (section index 0 means undefined).
    package func symbol(named name: String) -> Symbol? { symbols.first { $0.name == name && $0.sectionIndex != 0 } }

    /// The file bytes of a section; none for SHT_NOBITS, whose size is memory to zero (up
    /// to 4 GiB the file does not carry, so the caller bounds it before allocating any).
    package func contents(of section: Section) -> [UInt8] {
        if section.isNoBits { return [] }
        return Array(bytes[Int(section.offset)..<Int(section.offset) + Int(section.size)])
    }

    /// The bytes from a loaded address to the end of the section holding it.
    package func bytes(from address: UInt32) -> [UInt8]? {
        guard
            let section = sections.first(where: {
                !$0.isNoBits && $0.size > 0 && address >= $0.address && address - $0.address < $0.size
            })
        else {
            return nil
        }
        let start = Int(section.offset) + Int(address - section.address)
        return Array(bytes[start..<Int(section.offset) + Int(section.size)])
    }

    private static func half(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        guard offset + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private static func word(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        guard offset + 4 <= bytes.count else { return 0 }
        return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(
            bytes[offset + 3]) << 24
    }
}
