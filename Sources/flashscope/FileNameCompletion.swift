import Foundation

/// Candidates for completing a path typed at a prompt: the entries of its directory
/// that start with what follows the last "/", directories marked with a trailing "/".
enum FileNameCompletion {
    static func candidates(for typed: String) -> [String] {
        let slash = typed.lastIndex(of: "/")
        let directoryPart = slash.map { String(typed[...$0]) } ?? ""
        let namePart = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        let directory = directoryPart.isEmpty ? "." : expandingTilde(directoryPart)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return
            names
            .filter { $0.hasPrefix(namePart) && (namePart.hasPrefix(".") || !$0.hasPrefix(".")) }
            .sorted()
            .map { name in
                var isDirectory: ObjCBool = false
                let full = (directory as NSString).appendingPathComponent(name)
                let isFolder =
                    FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) && isDirectory.boolValue
                return directoryPart + name + (isFolder ? "/" : "")
            }
    }

    private static func expandingTilde(_ path: String) -> String {
        (path as NSString).expandingTildeInPath
    }
}
