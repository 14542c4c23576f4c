import FlashCore

/// Reading and writing firmware files: the API the command line calls.
///
/// Every failure is a `FormatError` whose `description` is one line naming
/// the file and place. `FormatError.isUnreadableFile` separates a file that
/// cannot be opened (exit 66) from one whose contents are bad (exit 65).
package enum FirmwareFile {
    /// Reads a firmware file into one image.
    ///
    /// - Parameters:
    ///   - path: the file to read. Text formats are read in chunks, so a large
    ///     file costs little more memory than the image it holds.
    ///   - format: the format to read, or nil to detect it from the content
    ///     with the extension as a hint (see `FirmwareFormat.detect`).
    ///   - baseAddress: where a binary file's first byte goes; required for
    ///     binary input, ignored otherwise.
    /// - Throws: `FormatError`; nothing is returned on failure.
    package static func read(
        path: String, format: FirmwareFormat? = nil,
        baseAddress: UInt32? = nil
    ) throws(FormatError) -> MemoryImage {
        let source = InputSource.file(path: path)
        let chosen: FirmwareFormat
        if let format { chosen = format } else { chosen = try Self.format(of: source, name: path) }
        return try read(source, name: path, format: chosen, baseAddress: baseAddress)
    }

    /// Opens a firmware file as bytes to program, for large images that should not be held whole.
    ///
    /// A binary file (after the same format detection as `read(path:format:baseAddress:)`)
    /// becomes a `BinaryFileSource`, read a piece at a time; any other format is read into
    /// the `MemoryImage` that `read` gives. Errors are those `read` gives for the same file.
    package static func openSource(
        path: String, format: FirmwareFormat? = nil,
        baseAddress: UInt32? = nil
    ) throws(FormatError) -> any ImageSource {
        let source = InputSource.file(path: path)
        let chosen: FirmwareFormat
        if let format { chosen = format } else { chosen = try Self.format(of: source, name: path) }
        if chosen == .binary { return try BinaryFileSource(path: path, baseAddress: baseAddress) }
        return try spilled(source, name: path, format: chosen)
    }

    /// The format `read` and `openSource` take a file to be, from its first bytes and extension
    /// (see `FirmwareFormat.detect`).
    package static func format(ofPath path: String) throws(FormatError) -> FirmwareFormat {
        try format(of: InputSource.file(path: path), name: path)
    }

    private static func format(of source: InputSource, name: String) throws(FormatError) -> FirmwareFormat {
        FirmwareFormat.detect(
            bytes: try source.prefix(512, name: name), pathExtension: FirmwareFormat.pathExtension(of: name))
    }

    /// Where in a firmware file the data for `address` comes from: `line 12` (HEX, S-record)
    /// or `program header 1` (ELF); nil for a binary file or when it cannot be told. Read again
    /// only after an error, so a message can point at the record.
    package static func place(of address: UInt32, inFile path: String, format: FirmwareFormat? = nil) -> String? {
        let source = InputSource.file(path: path)
        var locator = OverlapLocator(target: address)
        do {
            let prefix = try source.prefix(512, name: path)
            switch format ?? FirmwareFormat.detect(bytes: prefix, pathExtension: FirmwareFormat.pathExtension(of: path))
            {
            case .intelHex:
                _ = try parseText(source, name: path, format: .intelHex, into: &locator)
                return locator.places.first.map { FormatError.Place.line($0).description }
            case .srecord:
                _ = try parseText(source, name: path, format: .srecord, into: &locator)
                return locator.places.first.map { FormatError.Place.line($0).description }
            case .elf:
                _ = try ELFReader(file: path, bytes: try source.allBytes(name: path)).read(into: &locator)
                return locator.places.first.map { FormatError.Place.segment($0).description }
            case .binary:
                return nil
            }
        } catch {
            return nil
        }
    }

    /// A text or ELF file parsed into a spill file: checked whole (every record, every overlap)
    /// before anything is programmed, then read a piece at a time like a binary file.
    static func spilled(_ source: InputSource, name: String, format: FirmwareFormat) throws(FormatError) -> SpilledImage
    {
        let file = try SpillFile(name: name)
        var sink = SpillSink(file: file)
        let start: UInt32?
        var reader: ELFReader?
        if format == .elf {
            let elf = ELFReader(file: name, bytes: try source.allBytes(name: name))
            start = try elf.read(into: &sink)
            reader = elf
        } else {
            start = try parseText(source, name: name, format: format, into: &sink)
        }
        if let failure = file.failure {
            throw FormatError(
                file: name, kind: .cannotOpen(reason: "cannot keep the parsed image in a temporary file: \(failure)"))
        }
        switch sink.finish() {
        case .extents(let extents):
            return SpilledImage(name: name, extents: extents, startAddress: start, file: file)
        case .overlap(let address):
            if let reader { throw elfOverlap(reader, at: address, name: name) }
            throw try textOverlap(source, name: name, format: format, at: address)
        }
    }

    /// Reads firmware from bytes in memory.
    ///
    /// - Parameters:
    ///   - bytes: the file contents.
    ///   - name: the name used in error messages; its extension is the
    ///     detection hint when `format` is nil.
    ///   - format: the format, or nil to detect it.
    ///   - baseAddress: where a binary file's first byte goes.
    package static func read(
        bytes: [UInt8], name: String, format: FirmwareFormat? = nil,
        baseAddress: UInt32? = nil
    ) throws(FormatError) -> MemoryImage {
        let chosen =
            format ?? FirmwareFormat.detect(bytes: bytes, pathExtension: FirmwareFormat.pathExtension(of: name))
        return try read(.bytes(bytes), name: name, format: chosen, baseAddress: baseAddress)
    }

    /// Writes an image to a file (created or truncated).
    ///
    /// - Intel HEX: `options.bytesPerRecord` data bytes per record (1...255,
    ///   normally 16 or 32), type 04 records, type 05 start address, EOF record.
    /// - S-record: S0 header, S3 data (1...250 bytes per record), S5/S6 count, S7 start.
    /// - Binary: the bytes of `options.range` (default: the image's bounds),
    ///   gaps filled with `options.fill`.
    /// For text formats `options.range`, when given, clips the image.
    /// - Throws: `FormatError` (`.cannotWrite` for host failures,
    ///   `.invalidOption` for impossible options, including `.elf`).
    package static func write(
        _ image: MemoryImage, to path: String, format: FirmwareFormat,
        options: WriteOptions = WriteOptions()
    ) throws(FormatError) {
        try validate(options, format: format, name: path)
        if format == .binary && options.range == nil { try checkBinaryFill(image, name: path) }
        let output = try ByteOutput(path: path)
        try write(image, format: format, options: options, to: output)
        try output.finish()
    }

    /// Writes the part of an image inside `range` (binary: exactly that range,
    /// gaps filled with 0xFF), with default options otherwise.
    package static func write(
        _ image: MemoryImage, to path: String, format: FirmwareFormat,
        range: Range<UInt64>?
    ) throws(FormatError) {
        try write(image, to: path, format: format, options: WriteOptions(range: range))
    }

    /// The bytes `write(_:to:format:options:)` would put in a file.
    package static func encode(
        _ image: MemoryImage, format: FirmwareFormat,
        options: WriteOptions = WriteOptions()
    ) throws(FormatError) -> [UInt8] {
        try validate(options, format: format, name: "<memory>")
        let output = ByteOutput()
        try write(image, format: format, options: options, to: output)
        try output.flush()
        return output.collected
    }

    // MARK: - Reading

    static func read(
        _ source: InputSource, name: String, format: FirmwareFormat,
        baseAddress: UInt32?
    ) throws(FormatError) -> MemoryImage {
        switch format {
        case .intelHex, .srecord:
            return try readText(source, name: name, format: format)
        case .elf:
            let reader = ELFReader(file: name, bytes: try source.allBytes(name: name))
            var accumulator = ImageAccumulator(expectedBytes: reader.bytes.count)
            let start = try reader.read(into: &accumulator)
            switch accumulator.finish(startAddress: start) {
            case .image(let image): return image
            case .overlap(let address): throw elfOverlap(reader, at: address, name: name)
            }
        case .binary:
            return try BinaryReader.image(of: source.allBytes(name: name), baseAddress: baseAddress, file: name)
        }
    }

    /// Runs a text parser into an accumulator; on overlap runs it again to name the two lines involved.
    private static func readText(_ source: InputSource, name: String, format: FirmwareFormat) throws(FormatError)
        -> MemoryImage
    {
        // Two hex digits per data byte bound the data a text file can hold.
        var accumulator = ImageAccumulator(expectedBytes: try source.size(name: name) / 2)
        let start = try parseText(source, name: name, format: format, into: &accumulator)
        switch accumulator.finish(startAddress: start) {
        case .image(let image): return image
        case .overlap(let address): throw try textOverlap(source, name: name, format: format, at: address)
        }
    }

    /// Feeds an Intel HEX or S-record file's records to any sink; returns the start address it declares.
    private static func parseText<Sink: RecordSink>(
        _ source: InputSource, name: String, format: FirmwareFormat,
        into sink: inout Sink
    ) throws(FormatError) -> UInt32? {
        if format == .intelHex {
            var parser = IntelHexParser(file: name, sink: sink)
            let lines = try LineScanner.scan(source, name: name, into: &parser)
            try parser.finish(lineCount: lines)
            sink = parser.sink
            return parser.startAddress
        }
        var parser = SRecordParser(file: name, sink: sink)
        try LineScanner.scan(source, name: name, into: &parser)
        sink = parser.sink
        return parser.startAddress
    }

    /// The error for two records claiming `address`, naming both lines (found by reading again).
    private static func textOverlap(
        _ source: InputSource, name: String, format: FirmwareFormat,
        at address: UInt32
    ) throws(FormatError) -> FormatError {
        var locator = OverlapLocator(target: address)
        _ = try parseText(source, name: name, format: format, into: &locator)
        let first = locator.places.first ?? 0
        let second = locator.places.count > 1 ? locator.places[1] : first
        return FormatError(
            file: name, location: .line(second, column: 1),
            kind: .overlap(address: address, first: .line(first), second: .line(second)))
    }

    /// The same for two ELF program headers.
    private static func elfOverlap(_ reader: ELFReader, at address: UInt32, name: String) -> FormatError {
        var locator = OverlapLocator(target: address)
        _ = try? reader.read(into: &locator)
        let second = locator.places.count > 1 ? locator.places[1] : 0
        return FormatError(
            file: name, location: .offset(reader.physicalAddressOffset(ofSegment: second)),
            kind: .overlap(address: address, first: .segment(locator.places.first ?? 0), second: .segment(second)))
    }

    // MARK: - Writing

    /// The most 0xFF fill a binary file may get between an image's parts when no range is
    /// given: enough for any gap inside one flash, far less than the 2 GB between the
    /// embedded flash and the OCTOSPI window.
    package static let binaryFillLimit: UInt64 = 16 << 20

    /// Refuses a binary output that would be mostly fill, naming the parts so one can be picked.
    static func checkBinaryFill(_ image: MemoryImage, name: String) throws(FormatError) {
        guard let bounds = image.bounds else { return }
        let fill = (bounds.end - UInt64(bounds.low)) - UInt64(image.byteCount)
        guard fill > binaryFillLimit else { return }
        var parts: [(low: UInt32, end: UInt64)] = []
        for segment in image.segments {
            if let last = parts.last, UInt64(segment.address) - last.end <= binaryFillLimit {
                parts[parts.count - 1].end = segment.end
            } else {
                parts.append((segment.address, segment.end))
            }
        }
        throw FormatError(
            file: name,
            kind: .binaryMostlyFill(
                fill: fill, parts: parts.map { AddressRange(from: $0.low, to: UInt32(truncatingIfNeeded: $0.end - 1)) })
        )
    }

    private static func validate(_ options: WriteOptions, format: FirmwareFormat, name: String) throws(FormatError) {
        switch format {
        case .intelHex where !(1...255).contains(options.bytesPerRecord):
            throw FormatError(
                file: name, kind: .invalidOption("Intel HEX records hold 1 to 255 bytes, not \(options.bytesPerRecord)")
            )
        case .srecord where !(1...250).contains(options.bytesPerRecord):
            throw FormatError(
                file: name, kind: .invalidOption("S3 records hold 1 to 250 bytes, not \(options.bytesPerRecord)"))
        case .elf:
            throw FormatError(file: name, kind: .invalidOption("writing ELF is not supported"))
        default:
            break
        }
        if let range = options.range, range.upperBound > 0x1_0000_0000 {
            throw FormatError(file: name, kind: .invalidOption("range end \(hex(range.upperBound)) is beyond 4 GiB"))
        }
    }

    private static func write(
        _ image: MemoryImage, format: FirmwareFormat, options: WriteOptions,
        to output: ByteOutput
    ) throws(FormatError) {
        let clipped =
            options.range.map { image.clipped(to: UInt32(clamping: $0.lowerBound), end: $0.upperBound) } ?? image
        switch format {
        case .intelHex: try IntelHexWriter.write(clipped, options: options, to: output)
        case .srecord: try SRecordWriter.write(clipped, options: options, to: output)
        case .binary:
            let range = options.range ?? image.bounds.map { UInt64($0.low)..<$0.end } ?? 0..<0
            try BinaryWriter.write(image, range: range, fill: options.fill, to: output)
        case .elf: break
        }
    }
}
