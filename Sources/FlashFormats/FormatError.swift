import FlashCore

/// Everything that can go wrong reading or writing a firmware file.
///
/// `description` is one line: the file, then where (`line:column` for text
/// formats, a byte offset for ELF and binary), then what was expected.
/// A reader that throws never hands back a partial image.
package struct FormatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where in the file the problem is.
    package enum Location: Equatable, Sendable {
        /// The whole file (or no particular place in it).
        case none
        /// 1-based line and column of a text format.
        case line(Int, column: Int)
        /// 0-based byte offset of a binary format.
        case offset(Int)
    }

    /// A piece of input that supplied data, named in overlap errors.
    package enum Place: Equatable, Sendable, CustomStringConvertible {
        /// A record on this 1-based line of a text format.
        case line(Int)
        /// The ELF program header with this 0-based index.
        case segment(Int)

        package var description: String {
            switch self {
            case .line(let line): "line \(line)"
            case .segment(let index): "program header \(index)"
            }
        }
    }

    /// What went wrong.
    package enum Kind: Equatable, Sendable {
        /// The file cannot be opened or read (missing, permissions, a directory).
        case cannotOpen(reason: String)
        /// The output file cannot be created or written.
        case cannotWrite(reason: String)
        /// A text line longer than any record could be (the limit, in bytes).
        case lineTooLong(limit: Int)
        /// A binary output would hold this many bytes of 0xFF fill between the image's parts (listed).
        case binaryMostlyFill(fill: UInt64, parts: [AddressRange])
        /// A record does not begin with its start code (`:` or `S`).
        case missingStartCode(expected: UInt8, found: UInt8)
        /// A character that is not a hex digit where one was required.
        case nonHexCharacter(UInt8)
        /// The line ends before the record does.
        case truncatedRecord(expectedDigits: Int, foundDigits: Int)
        /// The line holds more hex digits than the byte count field declares.
        case wrongByteCount(declared: Int, expectedDigits: Int, foundDigits: Int)
        /// The checksum byte is not the one the record's bytes require.
        case badChecksum(expected: UInt8, found: UInt8)
        /// A record type this format does not define (`06`, `S4`, ...).
        case unknownRecordType(String)
        /// A record of a known type with the wrong length for that type.
        case badRecordLength(recordType: String, expected: Int, found: Int)
        /// A record follows the end-of-file (or S7/S8/S9 termination) record.
        case dataAfterEnd(endLine: Int)
        /// The file ends without its end-of-file / termination record.
        case missingEndRecord(expected: String)
        /// An S5/S6 record count differs from the number of S1/S2/S3 records before it.
        case recordCountMismatch(declared: Int, found: Int)
        /// Two start-address records give different addresses.
        case conflictingStartAddress(previous: UInt32, found: UInt32)
        /// Data would extend past the end of the 32-bit address space.
        case addressOverflow(address: UInt64, length: Int)
        /// Two pieces of data claim the same byte.
        case overlap(address: UInt32, first: Place, second: Place)
        /// The file is too short to hold what its header says (or an ELF header at all).
        case truncatedFile(needed: Int, size: Int)
        /// Not an ELF file: the magic bytes are wrong.
        case notELF
        /// An ELF file of another class (only ELFCLASS32 = 1 is read).
        case wrongELFClass(UInt8)
        /// An ELF file of another byte order (only ELFDATA2LSB = 1 is read).
        case wrongELFByteOrder(UInt8)
        /// An ELF file for another machine (only EM_ARM = 40 is read).
        case wrongELFMachine(UInt16)
        /// An ELF header field with an impossible value.
        case badELFHeader(field: String, value: UInt64, expected: String)
        /// The program header table lies (partly) outside the file.
        case programHeadersOutsideFile(offset: UInt64, size: UInt64, fileSize: Int)
        /// A PT_LOAD segment's file bytes lie (partly) outside the file.
        case segmentOutsideFile(index: Int, offset: UInt64, size: UInt64, fileSize: Int)
        /// A binary file was given without a base address.
        case missingBaseAddress
        /// A write was asked for an address range that is empty or exceeds 4 GiB,
        /// or for a record size a format cannot hold.
        case invalidOption(String)
    }

    /// The file name as given by the caller.
    package var file: String
    package var location: Location
    package var kind: Kind

    package init(file: String, location: Location = .none, kind: Kind) {
        self.file = file
        self.location = location
        self.kind = kind
    }

    /// True when the file could not be opened or read at all (exit 66), as
    /// opposed to a file whose contents are bad (exit 65).
    package var isUnreadableFile: Bool {
        if case .cannotOpen = kind { return true }
        return false
    }

    package var description: String {
        let place: String =
            switch location {
            case .none: file
            case .line(let line, let column): "\(file):\(line):\(column)"
            case .offset(let offset): "\(file): byte offset \(offset) (\(hex(UInt64(offset))))"
            }
        return "\(place): \(kind.explanation)"
    }
}

extension FormatError.Kind {
    /// One line saying what was found and what was expected.
    var explanation: String {
        switch self {
        case .cannotOpen(let reason): "cannot read file: \(reason)"
        case .cannotWrite(let reason): "cannot write file: \(reason)"
        case .lineTooLong(let limit):
            "a line longer than \(limit) bytes, far longer than any record; not a text firmware file"
        case .binaryMostlyFill(let fill, let parts):
            "a binary file would hold \(fill) bytes of 0xFF fill between the image's parts ("
                + parts.map { "\(hex($0.from))–\(hex($0.to))" }.joined(separator: ", ")
                + "); write one part with --from and --length, or use .hex or .srec"
        case .missingStartCode(let expected, let found):
            "expected record start '\(character(expected))', found \(quoted(found))"
        case .nonHexCharacter(let found): "expected a hex digit, found \(quoted(found))"
        case .truncatedRecord(let expected, let found):
            "truncated record: expected \(expected) hex digits, found \(found)"
        case .wrongByteCount(let declared, let expected, let found):
            "wrong byte count: byte count \(declared) means \(expected) hex digits, found \(found)"
        case .badChecksum(let expected, let found):
            "bad checksum: expected \(hex(expected)), found \(hex(found))"
        case .unknownRecordType(let type): "unknown record type \(type)"
        case .badRecordLength(let type, let expected, let found):
            "record type \(type) must hold \(expected) bytes, found \(found)"
        case .dataAfterEnd(let endLine): "record after the end record on line \(endLine)"
        case .missingEndRecord(let expected): "file ends without \(expected)"
        case .recordCountMismatch(let declared, let found):
            "record count says \(declared) data records, found \(found)"
        case .conflictingStartAddress(let previous, let found):
            "start address \(hex(found)) conflicts with earlier start address \(hex(previous))"
        case .addressOverflow(let address, let length):
            "\(length) bytes at \(hex(address)) run past the 4 GiB address space"
        case .overlap(let address, let first, let second):
            "\(second) writes \(hex(address)) again, already written by \(first)"
        case .truncatedFile(let needed, let size):
            "file too short: needs \(needed) bytes, has \(size)"
        case .notELF: "expected ELF magic 7F 45 4C 46"
        case .wrongELFClass(let value): "ELF class \(value) is not ELFCLASS32 (1)"
        case .wrongELFByteOrder(let value): "ELF data encoding \(value) is not ELFDATA2LSB (1)"
        case .wrongELFMachine(let value): "ELF machine \(value) is not EM_ARM (40)"
        case .badELFHeader(let field, let value, let expected):
            "ELF \(field) is \(value), expected \(expected)"
        case .programHeadersOutsideFile(let offset, let size, let fileSize):
            "program header table (\(size) bytes at \(hex(offset))) lies outside the \(fileSize)-byte file"
        case .segmentOutsideFile(let index, let offset, let size, let fileSize):
            "segment \(index) (\(size) bytes at file offset \(hex(offset))) lies outside the \(fileSize)-byte file"
        case .missingBaseAddress: "a binary file needs a base address"
        case .invalidOption(let what): what
        }
    }
}

/// `0x` plus upper-case hex digits: 2 for a byte, 8 for an address.
func hex(_ value: UInt8) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return digits.count < 2 ? "0x0" + digits : "0x" + digits
}

func hex(_ value: UInt32) -> String { hex(UInt64(value)) }

func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}

private func character(_ byte: UInt8) -> String { String(UnicodeScalar(byte)) }

private func quoted(_ byte: UInt8) -> String {
    if byte >= 0x21 && byte < 0x7F { return "'\(character(byte))'" }
    return "byte \(hex(byte))"
}
