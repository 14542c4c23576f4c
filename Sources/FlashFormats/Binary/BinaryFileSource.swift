#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FlashCore

/// A binary file to program, read a piece at a time with `pread`: its bytes go, in order,
/// from a base address. The file stays open while the source lives, so a file renamed or
/// replaced meanwhile is still the one read; one that shrinks gives a short read, an error.
package final class BinaryFileSource: ImageSource {
    package let path: String
    package let baseAddress: UInt32
    /// The file's size when it was opened.
    package let size: Int
    private let file: InputFile

    /// Opens the file and checks, as `FirmwareFile.read` does, that it has a base address and
    /// fits below 4 GiB from there. An empty file holds no data.
    package init(path: String, baseAddress: UInt32?) throws(FormatError) {
        let file = try InputFile(path: path, name: path)
        do throws(FormatError) {
            self.baseAddress = try BinaryReader.place(file.size, at: baseAddress, file: path)
        } catch {
            file.close()
            throw error
        }
        self.path = path
        self.size = file.size
        self.file = file
    }

    deinit { file.close() }

    package var extents: [AddressRange] {
        size == 0 ? [] : [AddressRange(from: baseAddress, to: baseAddress + UInt32(size - 1))]
    }

    /// The `count` bytes at `address`, read from the file now.
    package func bytes(at address: UInt32, count: Int) throws(FormatError) -> [UInt8] {
        guard address >= baseAddress, count >= 0 else {
            throw FormatError(file: path, kind: .truncatedFile(needed: count, size: size))
        }
        let start = Int(address - baseAddress)
        guard start + count <= size else {
            throw FormatError(
                file: path, location: .offset(start), kind: .truncatedFile(needed: start + count, size: size))
        }
        var buffer = [UInt8](repeating: 0, count: count)
        try buffer.withUnsafeMutableBufferPointer { (pointer) throws(FormatError) in
            guard let base = pointer.baseAddress else { return }
            var got = 0
            while got < count {
                let read = pread(file.descriptor, base + got, count - got, off_t(start + got))
                if read < 0 {
                    if errno == EINTR { continue }
                    throw FormatError(
                        file: path, location: .offset(start + got), kind: .cannotOpen(reason: errnoText()))
                }
                if read == 0 {
                    throw FormatError(
                        file: path, location: .offset(start + got),
                        kind: .cannotOpen(
                            reason: "the file ends here, but it held \(size) bytes when it was opened"))
                }
                got += read
            }
        }
        return buffer
    }
}
