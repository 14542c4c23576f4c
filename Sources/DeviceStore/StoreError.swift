/// A device file that cannot be used. The file is never changed when one of these is thrown.
package enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(path: String)
    case cannotOpen(path: String, reason: String)
    case notADeviceFile(path: String, reason: String)
    case newerSchema(path: String, found: Int, supported: Int)
    case damaged(path: String, reason: String)
    case alreadyExists(path: String)
    case unknownPart(path: String, name: String)
    case cannotWrite(path: String, reason: String)
    /// The file, its directory or its file system cannot be written (or its `-wal` is not a file).
    case readOnly(path: String, reason: String)
    /// Another process saved the device after this one read it.
    case changedSinceRead(path: String)
    case journal(JournalError)

    package var description: String {
        switch self {
        case .missing(let path): "\(path): no device file here (create one with `flashscope init`)"
        case .cannotOpen(let path, let reason): "\(path): cannot open: \(reason)"
        case .notADeviceFile(let path, let reason): "\(path): not a FlashScope device file: \(reason)"
        case .newerSchema(let path, let found, let supported):
            "\(path): written by a newer FlashScope (schema \(found); this one reads up to \(supported))"
        case .damaged(let path, let reason): "\(path): damaged device file: \(reason)"
        case .alreadyExists(let path): "\(path): a device file already exists (use --force to replace it)"
        case .unknownPart(let path, let name): "\(path): unknown part \(CheckedRow.quoted(name))"
        case .cannotWrite(let path, let reason): "\(path): cannot write: \(reason)"
        case .readOnly(let path, let reason): "\(path): read-only: \(reason); nothing was written"
        case .changedSinceRead(let path):
            "\(path): the device file changed since it was read (by another process); nothing was written, run the command again"
        case .journal(let error): error.description
        }
    }
}
