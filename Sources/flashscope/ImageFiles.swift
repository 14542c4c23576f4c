import FlashCore
import FlashFormats

/// Reading a file to program: the one place that turns a path into an image, shared by
/// `program` and the terminal UI.
enum ImageFiles {
    /// Reads Intel HEX, S-record, ELF or binary (placed at `address`); the format comes from the
    /// content and extension unless given.
    static func read(_ path: String, format: FirmwareFormat? = nil, address: UInt32?) throws -> MemoryImage {
        let image = try failingAsCommand(path) { () throws(FormatError) in
            try FirmwareFile.read(path: path, format: format, baseAddress: address)
        }
        guard !image.isEmpty else {
            throw CommandFailure("\(path): the file holds no data", status: ExitStatus.badInput)
        }
        return image
    }

    /// As `read`, but a binary file is read a piece at a time while it is programmed,
    /// so a 64 MiB image is not held beside the flash model.
    static func open(_ path: String, format: FirmwareFormat? = nil, address: UInt32?) throws -> any ImageSource {
        let source = try failingAsCommand(path) { () throws(FormatError) in
            try FirmwareFile.openSource(path: path, format: format, baseAddress: address)
        }
        guard !source.extents.isEmpty else {
            throw CommandFailure("\(path): the file holds no data", status: ExitStatus.badInput)
        }
        return source
    }

    private static func failingAsCommand<T>(_ path: String, _ body: () throws(FormatError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            if case .missingBaseAddress = error.kind {
                throw CommandFailure("\(path): a binary file needs --address", status: ExitStatus.usage)
            }
            throw CommandFailure(
                error.description, status: error.isUnreadableFile ? ExitStatus.cannotOpen : ExitStatus.badInput)
        }
    }
}
