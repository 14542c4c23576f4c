import Foundation
import TerminalKit

/// Which theme `--theme NAME` or `FLASHSCOPE_THEME` asks for: a built-in name, a file
/// under Themes/ by name, or a path to a theme file.
enum ThemeChoice {
    static func resolve(_ requested: String?, environment: [String: String]) throws(CommandFailure) -> Theme {
        let name = requested ?? environment["FLASHSCOPE_THEME"].flatMap { $0.isEmpty ? nil : $0 }
        guard let name else { return .standard }
        let looksLikePath = name.contains("/") || name.hasSuffix(".toml")
        if !looksLikePath, let file = themeDirectories().map({ $0 + "/\(name).toml" }).first(where: exists) {
            return try load(file)
        }
        if looksLikePath { return try load(name) }
        switch name {
        case "default": return .standard
        case "monochrome": return .monochrome
        default:
            throw CommandFailure(
                "--theme \(name): no such theme (a name from Themes/, default, monochrome, or a path to a .toml file)",
                status: ExitStatus.usage)
        }
    }

    private static func load(_ path: String) throws(CommandFailure) -> Theme {
        guard exists(path) else {
            throw CommandFailure("\(path): cannot open: no such theme file", status: ExitStatus.cannotOpen)
        }
        do { return try ThemeFile.load(path: path) } catch {
            throw CommandFailure("\(error)", status: ExitStatus.badInput)
        }
    }

    private static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Themes/ in the working directory, next to the executable, and in the source tree it was built from.
    private static func themeDirectories() -> [String] {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        // Sources/flashscope/Options/ThemeChoice.swift: three folders below the root.
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return [
            FileManager.default.currentDirectoryPath + "/Themes",
            executable.appendingPathComponent("Themes").path,
            executable.appendingPathComponent("../share/flashscope/Themes").standardized.path,
            sourceRoot.appendingPathComponent("Themes").path,
        ]
    }
}
