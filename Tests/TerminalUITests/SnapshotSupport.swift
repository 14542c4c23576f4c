import Foundation
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// Text snapshots under Snapshots/: a missing file, or RECORD_SNAPSHOTS=1,
/// writes the file and fails, so a recording run is never green.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Snapshots")

    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    static func check(_ lines: [String], named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = lines.joined(separator: "\n") + "\n"
        let url = directory.appendingPathComponent(name + ".txt")
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if recording || expected == nil {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
                Issue.record(
                    "recorded snapshot \(name).txt; check it by eye and run again", sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot write snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected, expected != actual else { return }
        Issue.record(
            "snapshot \(name).txt differs:\n\(lineDiff(expected: expected, actual: actual))",
            sourceLocation: sourceLocation)
    }

    /// Lines and style runs of a rendered buffer, as two files.
    static func check(
        _ buffer: ScreenBuffer, named name: String, styles: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        check(buffer.lines, named: name, sourceLocation: sourceLocation)
        if styles { check(buffer.styleDump, named: name + ".styles", sourceLocation: sourceLocation) }
    }

    private static func lineDiff(expected: String, actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(e.count, a.count) {
            let left = i < e.count ? String(e[i]) : "<none>"
            let right = i < a.count ? String(a[i]) : "<none>"
            if left != right { out.append("line \(i + 1):\n  expected: \(left)\n  actual:   \(right)") }
        }
        return out.joined(separator: "\n")
    }
}

/// Renders `widget` into a fresh buffer of `size` filling the whole screen.
func rendered(_ widget: some Widget, size: Size) -> ScreenBuffer {
    var buffer = ScreenBuffer(size: size)
    widget.render(in: buffer.area, into: &buffer)
    return buffer
}

/// The two screen sizes every widget is pictured at.
let snapshotSizes = [Size(width: 80, height: 24), Size(width: 200, height: 60)]
