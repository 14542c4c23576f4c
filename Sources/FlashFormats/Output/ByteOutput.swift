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
    private let file: OutputFile?
    private(set) var collected: [UInt8] = []

    /// Collects everything in memory (`collected`).
    init() {
        buffer = .allocate(capacity: Self.capacity)
        file = nil
    }

    /// Writes a file that appears (replacing any old one) only when `finish` succeeds.
    init(path: String) throws(FormatError) {
        file = try OutputFile(path: path)
        buffer = .allocate(capacity: Self.capacity)
    }

    deinit {
        buffer.deallocate()
    }

    /// Writes out the rest and puts the file in place.
    func finish() throws(FormatError) {
        try flush()
        try file?.finish()
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
        guard let file else {
            collected.append(contentsOf: bytes)
            return
        }
        try file.write(bytes)
    }
}
