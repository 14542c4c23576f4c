/// The firmware file formats FlashFormats reads and writes.
package enum FirmwareFormat: String, CaseIterable, Sendable {
    /// Intel HEX (`.hex`, `.ihex`).
    case intelHex
    /// Motorola S-record (`.srec`, `.s19`, `.s28`, `.s37`, `.mot`).
    case srecord
    /// ELF32 little-endian ARM executable (`.elf`, `.axf`, `.out`); read only.
    case elf
    /// Raw bytes at a base address (`.bin`).
    case binary

    /// The format's name in a sentence: `Intel HEX`, `S-record`, `ELF`, `binary`.
    package var displayName: String {
        switch self {
        case .intelHex: "Intel HEX"
        case .srecord: "S-record"
        case .elf: "ELF"
        case .binary: "binary"
        }
    }

    /// The format a file-name extension (without the dot, any case) names, or nil.
    package init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "hex", "ihex", "ihx": self = .intelHex
        case "srec", "s19", "s28", "s37", "mot", "s", "sx": self = .srecord
        case "elf", "axf", "out": self = .elf
        case "bin", "raw": self = .binary
        default: return nil
        }
    }

    /// The format to write for an output path, from its extension; nil when the
    /// extension names no format (or names ELF, which is not written).
    package init?(forOutputPath path: String) {
        guard let format = FirmwareFormat(pathExtension: Self.pathExtension(of: path)), format != .elf else {
            return nil
        }
        self = format
    }

    /// Decides a file's format from its first bytes, using the extension as a hint.
    ///
    /// - An ELF magic number means ELF; a first line that is a well-formed-looking
    ///   `:` record means Intel HEX; `S` plus a digit plus hex means S-record.
    /// - A `.bin` extension wins over such content (raw bytes may look like anything).
    /// - Content that matches no text or ELF signature is taken to be what the
    ///   extension says, and binary when the extension says nothing.
    ///
    /// Only the first few hundred bytes are examined.
    package static func detect(bytes: some Collection<UInt8>, pathExtension: String?) -> FirmwareFormat {
        let hinted = pathExtension.flatMap { FirmwareFormat(pathExtension: $0) }
        if hinted == .binary { return .binary }
        let prefix = Array(bytes.prefix(512))
        if let sniffed = sniff(prefix) { return sniffed }
        return hinted ?? .binary
    }

    /// The extension of the last path component, without the dot ("" if none).
    static func pathExtension(of path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    private static func sniff(_ prefix: [UInt8]) -> FirmwareFormat? {
        if prefix.starts(with: [0x7F, 0x45, 0x4C, 0x46]) { return .elf }
        // Skip leading blank lines and spaces; text formats start with a record.
        let start = prefix.firstIndex { !($0 == 0x0A || $0 == 0x0D || $0 == 0x20 || $0 == 0x09) } ?? prefix.count
        let text = prefix[start...]
        func hexRun(from index: Int) -> Int {
            var count = 0
            var i = index
            while i < prefix.count, hexNibble(prefix[i]) < 16 { count += 1; i += 1 }
            return count
        }
        guard let first = text.first else { return nil }
        if first == UInt8(ascii: ":"), hexRun(from: start + 1) >= 10 { return .intelHex }
        if first == UInt8(ascii: "S"), text.count > 1,
            text[start + 1] >= UInt8(ascii: "0"), text[start + 1] <= UInt8(ascii: "9"), hexRun(from: start + 2) >= 6
        {
            return .srecord
        }
        return nil
    }
}
