import FlashCore
import FlashFormats

/// Reading a file to program: the one place that turns a path into a `MemoryImage`,
/// shared by `program` and the terminal UI.
enum ImageFiles {
    /// Reads Intel HEX, S-record, ELF or binary (placed at `address`); the format comes from the
    /// content and extension unless given.
    static func read(_ path: String, format: FirmwareFormat? = nil, address: UInt32?) throws -> MemoryImage {
        do {
            let image = try FirmwareFile.read(path: path, format: format, baseAddress: address)
            guard !image.isEmpty else { throw CommandFailure("\(path): the file holds no data", status: ExitStatus.badInput) }
            return image
        } catch let error as FormatError {
            if case .missingBaseAddress = error.kind {
                throw CommandFailure("\(path): a binary file needs --address", status: ExitStatus.usage)
            }
            throw CommandFailure(error.description, status: error.isUnreadableFile ? ExitStatus.cannotOpen : ExitStatus.badInput)
        }
    }
}
