#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The `<device>.new-<pid>` files `init` writes before renaming one over the device.
/// A process killed before the rename leaves its file (and that file's -wal and -shm) behind;
/// the next `init` of the same device removes those whose process is gone.
enum TemporaryFiles {
    static func name(besides path: String) -> String {
        path + ".new-\(getpid())"
    }

    static func remove(_ temporary: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
    }

    static func removeAbandoned(besides path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + ".new-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)
        else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix(while: \.isNumber)), pid != getpid() else {
                continue
            }
            // kill(pid, 0) fails with ESRCH only when no such process exists; a live one may still be writing.
            guard kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(
                atPath: directory.isEmpty ? name : (directory as NSString).appendingPathComponent(name))
        }
    }
}
