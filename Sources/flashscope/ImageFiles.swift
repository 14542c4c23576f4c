import FlashCore
import Foundation

/// Reading a file to program: the one place that turns a path into a `MemoryImage`,
/// so `program` and the terminal UI switch to FlashFormats (Intel HEX, S-record, ELF) together.
enum ImageFiles {
    /// Reads `path` as raw binary placed at `address`.
    static func read(_ path: String, address: UInt32) throws(CommandFailure) -> MemoryImage {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("\(path): cannot open: no such file or not readable", status: ExitStatus.cannotOpen)
        }
        guard !data.isEmpty else { throw CommandFailure("\(path): the file is empty", status: ExitStatus.badInput) }
        guard UInt64(address) + UInt64(data.count) <= UInt64(UInt32.max) + 1 else {
            throw CommandFailure("\(path): \(data.count) bytes at \(hex(address)) run past the 32-bit address space",
                                 status: ExitStatus.badInput)
        }
        do {
            return try MemoryImage(segments: [.init(address: address, bytes: [UInt8](data))])
        } catch {
            throw CommandFailure("\(path): overlapping data (\(error))", status: ExitStatus.badInput)
        }
    }
}
