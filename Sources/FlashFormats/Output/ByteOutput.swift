#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered byte sink writers fill directly: into memory, or into a file in
/// 1 MiB chunks so output never has to be held whole.
final class ByteOutput {
    private static let capacity = 1 << 20
    private let buffer: UnsafeMutablePointer<UInt8>
    private var used = 0
    private let descriptor: Int32?
    private let file: String
    private(set) var collected: [UInt8] = []

    /// Collects everything in memory (`collected`).
    init() {
        buffer = .allocate(capacity: Self.capacity)
        descriptor = nil
        file = ""
    }

    /// Creates (or truncates) a file.
    init(path: String) throws(FormatError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw FormatError(file: path, kind: .cannotWrite(reason: errnoText())) }
        buffer = .allocate(capacity: Self.capacity)
        self.descriptor = descriptor
        file = path
    }

    deinit {
        buffer.deallocate()
        if let descriptor { _ = close(descriptor) }
    }

    /// A place for up to `count` bytes (at most 64 KiB); call `commit` with the number written.
    @inline(__always)
    func reserve(_ count: Int) throws(FormatError) -> UnsafeMutablePointer<UInt8> {
        if used + count > Self.capacity { try flush() }
        return buffer + used
    }

    @inline(__always)
    func commit(_ count: Int) { used += count }

    /// Appends bytes; large blocks bypass the buffer.
    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(FormatError) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if bytes.count <= Self.capacity - used {
            (buffer + used).update(from: base, count: bytes.count)
            used += bytes.count
            return
        }
        try flush()
        try deliver(UnsafeRawBufferPointer(bytes))
    }

    /// Appends `count` copies of one byte.
    func write(repeating byte: UInt8, count: Int) throws(FormatError) {
        var left = count
        while left > 0 {
            if used == Self.capacity { try flush() }
            let step = min(left, Self.capacity - used)
            (buffer + used).update(repeating: byte, count: step)
            used += step
            left -= step
        }
    }

    /// Writes out whatever is buffered.
    func flush() throws(FormatError) {
        guard used > 0 else { return }
        let pending = UnsafeRawBufferPointer(start: buffer, count: used)
        used = 0
        try deliver(pending)
    }

    private func deliver(_ bytes: UnsafeRawBufferPointer) throws(FormatError) {
        guard let descriptor else {
            collected.append(contentsOf: bytes)
            return
        }
        guard var base = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = posixWrite(descriptor, base, left)
            if written < 0 {
                if errno == EINTR { continue }
                throw FormatError(file: file, kind: .cannotWrite(reason: errnoText()))
            }
            base += written
            left -= written
        }
    }

}

@inline(__always)
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
