#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FlashCore

/// A file holding an image's bytes at their addresses: a sparse, unlinked temporary file,
/// so a parsed HEX, S-record or ELF file of any size costs no more memory than a binary file
/// read with `pread`. It disappears with the last reference.
final class SpillFile {
    let descriptor: Int32
    /// The first write that failed (a full disk), reported when the image is finished.
    var failure: String?

    init(name: String) throws(FormatError) {
        let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        // mkstemp replaces the six trailing Xs with a unique name.
        var template = Array("\(directory)/flashscope-image-XXXXXX".utf8CString)
        // Unlinked at once: the data lives only as long as the descriptor.
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let path = buffer.baseAddress else { return -1 }
            let opened = mkstemp(path)
            if opened >= 0 { _ = unlink(path) }
            return opened
        }
        guard descriptor >= 0 else {
            throw FormatError(file: name, kind: .cannotOpen(reason: "no temporary file for the image: \(errnoText())"))
        }
        self.descriptor = descriptor
    }

    deinit { _ = close(descriptor) }

    func write(_ bytes: UnsafeBufferPointer<UInt8>, at offset: UInt32) {
        guard failure == nil, var base = bytes.baseAddress else { return }
        var left = bytes.count
        var position = off_t(offset)
        while left > 0 {
            let written = pwrite(descriptor, base, left, position)
            if written < 0 {
                if errno == EINTR { continue }
                failure = errnoText()
                return
            }
            base += written
            left -= written
            position += off_t(written)
        }
    }

    func read(_ count: Int, at offset: UInt32, name: String) throws(FormatError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let got = buffer.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            var done = 0
            while done < count {
                let read = pread(descriptor, base + done, count - done, off_t(offset) + off_t(done))
                if read < 0 && errno == EINTR { continue }
                if read <= 0 { break }
                done += read
            }
            return done
        }
        guard got == count else {
            throw FormatError(
                file: name, kind: .cannotOpen(reason: "the temporary copy of the image reads short at \(hex(offset))"))
        }
        return buffer
    }
}

/// A record sink that writes each record's bytes into a `SpillFile` and keeps only where they went.
struct SpillSink: RecordSink {
    private struct Run {
        var address: UInt32
        var count: Int
        var end: UInt64 { UInt64(address) + UInt64(count) }
    }

    let file: SpillFile
    private var runs: [Run] = []

    init(file: SpillFile) { self.file = file }

    mutating func data(_ bytes: UnsafeBufferPointer<UInt8>, at address: UInt32, place: Int) {
        guard !bytes.isEmpty else { return }
        file.write(bytes, at: address)
        if let last = runs.indices.last, runs[last].end == UInt64(address) {
            runs[last].count += bytes.count
        } else {
            runs.append(Run(address: address, count: bytes.count))
        }
    }

    enum Outcome {
        case extents([AddressRange])
        /// Two records claim this address; the caller reads again to name them.
        case overlap(address: UInt32)
    }

    /// The runs sorted and joined; an overlap (bytes given twice) is reported, not resolved.
    func finish() -> Outcome {
        var extents: [AddressRange] = []
        var highestEnd: UInt64 = 0
        for run in runs.sorted(by: { $0.address < $1.address }) {
            if !extents.isEmpty, UInt64(run.address) < highestEnd { return .overlap(address: run.address) }
            highestEnd = run.end
            let last = UInt32(run.end - 1)
            if let previous = extents.last, UInt64(previous.to) + 1 == UInt64(run.address) {
                extents[extents.count - 1].to = last
            } else {
                extents.append(AddressRange(from: run.address, to: last))
            }
        }
        return .extents(extents)
    }
}

/// A firmware file's image, parsed once and fetched a piece at a time from its spill file.
package final class SpilledImage: ImageSource {
    package let name: String
    package let extents: [AddressRange]
    package let startAddress: UInt32?
    private let file: SpillFile

    init(name: String, extents: [AddressRange], startAddress: UInt32?, file: SpillFile) {
        self.name = name
        self.extents = extents
        self.startAddress = startAddress
        self.file = file
    }

    package func bytes(at address: UInt32, count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        let end = UInt64(address) + UInt64(count)
        guard extents.contains(where: { UInt64($0.from) <= UInt64(address) && end <= UInt64($0.to) + 1 }) else {
            throw ImageGapError(address: address, count: count)
        }
        return try file.read(count, at: address, name: name)
    }
}
