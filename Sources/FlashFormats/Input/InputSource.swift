#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a reader's bytes come from: memory, or a file read in chunks so that a
/// large text file never has to be held whole.
enum InputSource {
    case bytes([UInt8])
    case file(path: String)

    /// Number of bytes in the input (a file's size when it was last looked at).
    func size(name: String) throws(FormatError) -> Int {
        switch self {
        case .bytes(let bytes): return bytes.count
        case .file(let path):
            let file = try InputFile(path: path, name: name)
            defer { file.close() }
            return file.size
        }
    }

    /// Up to `count` bytes from the start of the input.
    func prefix(_ count: Int, name: String) throws(FormatError) -> [UInt8] {
        switch self {
        case .bytes(let bytes): return Array(bytes.prefix(count))
        case .file(let path):
            let file = try InputFile(path: path, name: name)
            defer { file.close() }
            var buffer = [UInt8](repeating: 0, count: count)
            let got = try buffer.withUnsafeMutableBufferPointer { (pointer) throws(FormatError) -> Int in
                try file.read(into: pointer)
            }
            return Array(buffer.prefix(got))
        }
    }

    /// The whole input in memory (for ELF and binary, which are not line based).
    func allBytes(name: String) throws(FormatError) -> [UInt8] {
        switch self {
        case .bytes(let bytes): return bytes
        case .file(let path):
            let file = try InputFile(path: path, name: name)
            defer { file.close() }
            var result = [UInt8](repeating: 0, count: file.size)
            let got = try result.withUnsafeMutableBufferPointer { (pointer) throws(FormatError) -> Int in
                try file.read(into: pointer)
            }
            if got < result.count { result.removeLast(result.count - got) }
            return result
        }
    }
}

/// A file opened for reading with POSIX calls; errors become `FormatError.cannotOpen`.
package struct InputFile {
    let descriptor: Int32
    let size: Int
    let name: String

    init(path: String, name: String) throws(FormatError) {
        self.name = name
        // O_NONBLOCK: opening a FIFO would otherwise wait for a writer that may never come.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw FormatError(file: name, kind: .cannotOpen(reason: errnoText()))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = errnoText()
            _ = posixClose(descriptor)
            throw FormatError(file: name, kind: .cannotOpen(reason: reason))
        }
        if let kind = Self.notRegular(info.st_mode) {
            _ = posixClose(descriptor)
            throw FormatError(file: name, kind: .cannotOpen(reason: kind))
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        self.descriptor = descriptor
        self.size = Int(info.st_size)
    }

    /// Why a file of this mode is not read: only regular files have an end and a size to trust
    /// (a FIFO can block forever, /dev/zero never ends).
    package static func notRegular(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "is a directory"
        case S_IFIFO: "is a FIFO (a named pipe); FlashScope reads only regular files"
        case S_IFCHR, S_IFBLK: "is a device, not a regular file; FlashScope reads only regular files"
        case S_IFSOCK: "is a socket, not a regular file"
        default: "is not a regular file"
        }
    }

    /// Fills as much of `buffer` as the file has left; returns the count read (0 at end).
    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(FormatError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var total = 0
        while total < buffer.count {
            let got = posixRead(descriptor, base + total, buffer.count - total)
            if got < 0 {
                if errno == EINTR { continue }
                throw FormatError(file: name, kind: .cannotOpen(reason: errnoText()))
            }
            if got == 0 { break }
            total += got
        }
        return total
    }

    func close() { _ = posixClose(descriptor) }
}

/// The text of the current `errno`.
func errnoText() -> String { String(cString: strerror(errno)) }

@inline(__always)
func posixClose(_ descriptor: Int32) -> Int32 { close(descriptor) }

@inline(__always)
func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
