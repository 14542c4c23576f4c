#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB

/// Tells a file that cannot be written (read-only directory or mount, a `-wal` that is not a
/// file) from a damaged one, and opens such a file for reading all the same.
enum FileAccess {
    /// Why SQLite's `-wal` or `-shm` file beside the device cannot be used (it is a directory,
    /// a link or a device), or nil when each is a regular file or absent.
    static func sideFileProblem(_ path: String) -> String? {
        for suffix in ["-wal", "-shm"] {
            var info = stat()
            guard lstat(path + suffix, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG: continue
            case S_IFDIR: return "\(path + suffix) is a directory, not SQLite's \(suffix) file"
            case S_IFLNK: return "\(path + suffix) is a link, not SQLite's \(suffix) file"
            default: return "\(path + suffix) is not a regular file"
            }
        }
        return nil
    }

    /// Why a writer could not use the file, or nil when it can.
    static func writeProblem(_ path: String) -> String? {
        if let problem = sideFileProblem(path) { return problem }
        if access(path, W_OK) != 0 { return "the file cannot be written (\(String(cString: strerror(errno))))" }
        let directory = (path as NSString).deletingLastPathComponent
        let missing = ["-wal", "-shm"].contains { access(path + $0, F_OK) != 0 }
        if missing, access(directory.isEmpty ? "." : directory, W_OK) != 0 {
            return "its directory cannot be written (\(String(cString: strerror(errno))))"
        }
        return nil
    }

    /// True when the error comes from where the file is (permissions, a read-only mount, a
    /// `-wal` that cannot be used), not from its contents.
    static func isEnvironmental(_ error: DatabaseError) -> Bool {
        switch error.resultCode {
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH, .SQLITE_IOERR, .SQLITE_BUSY,
            .SQLITE_LOCKED, .SQLITE_NOMEM, .SQLITE_FULL, .SQLITE_NOLFS:
            return true
        default:
            return false
        }
    }

    /// Whether the write-ahead log holds transactions that reading the main file alone would miss.
    static func walHoldsData(_ path: String) -> Bool {
        var info = stat()
        return lstat(path + "-wal", &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_size > 0
    }

    /// An SQLite URI that reads the file as it is, without the `-wal` and `-shm` files that a
    /// read-only directory or mount cannot hold (SQLite's `immutable`).
    static func immutableURI(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let escaped = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return "file:\(escaped)?immutable=1"
    }
}
