#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written under a temporary name beside its destination and renamed over it only
/// when every byte is out, so a failed write (a full disk, an error part-way) leaves no
/// partial file and an existing one untouched. Special files (a pipe, /dev/stdout, a
/// terminal) are written in place: they cannot be replaced by a rename.
package final class OutputFile {
    package let path: String
    private let temporary: String?
    private var descriptor: Int32
    private var done = false

    package init(path: String) throws(FormatError) {
        self.path = path
        var status = stat()
        if stat(path, &status) == 0 && (status.st_mode & S_IFMT) != S_IFREG {
            temporary = nil
            descriptor = open(path, O_WRONLY)
        } else {
            let name = "\(path).partial-\(getpid())"
            temporary = name
            descriptor = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_EXCL, 0o644)
        }
        guard descriptor >= 0 else { throw FormatError(file: path, kind: .cannotWrite(reason: errnoText())) }
    }

    /// Standard output, written in place; errors (a full disk, a closed pipe) are reported, not trapped.
    package init(standardOutput: Void) {
        path = "standard output"
        temporary = nil
        descriptor = STDOUT_FILENO
        done = true
    }

    deinit {
        guard !done else { return }
        _ = close(descriptor)
        if let temporary { _ = unlink(temporary) }
    }

    /// Writes all the bytes, retrying short writes and interruptions.
    package func write(_ bytes: UnsafeRawBufferPointer) throws(FormatError) {
        guard var base = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = systemWrite(descriptor, base, left)
            if written < 0 {
                if errno == EINTR { continue }
                throw FormatError(file: path, kind: .cannotWrite(reason: errnoText()))
            }
            base += written
            left -= written
        }
    }

    package func write(_ bytes: [UInt8]) throws(FormatError) {
        let outcome: Result<Void, FormatError> = bytes.withUnsafeBytes { raw in
            do throws(FormatError) { try write(raw) } catch { return .failure(error) }
            return .success(())
        }
        try outcome.get()
    }

    /// Makes the file whole and puts it in place: the data reaches the disk before the rename,
    /// so a full disk shows here rather than later.
    package func finish() throws(FormatError) {
        guard !done else { return }
        done = true
        if temporary != nil && fsync(descriptor) != 0 {
            let reason = errnoText()
            abandon()
            throw FormatError(file: path, kind: .cannotWrite(reason: reason))
        }
        if close(descriptor) != 0 {
            let reason = errnoText()
            if let temporary { _ = unlink(temporary) }
            throw FormatError(file: path, kind: .cannotWrite(reason: reason))
        }
        if let temporary, rename(temporary, path) != 0 {
            let reason = errnoText()
            _ = unlink(temporary)
            throw FormatError(file: path, kind: .cannotWrite(reason: reason))
        }
    }

    private func abandon() {
        _ = close(descriptor)
        if let temporary { _ = unlink(temporary) }
    }
}

@inline(__always)
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
