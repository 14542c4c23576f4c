import Foundation
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// Issue 18: the README's key table and the help overlay come from one source, the key tables.
@Suite struct ReadmeKeyTableTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")
    static let begin = "<!-- key table: written from AppKeys; RECORD_SNAPSHOTS=1 swift test --filter ReadmeKeyTable -->"
    static let end = "<!-- end of key table -->"

    @Test func theReadmeHoldsTheKeyTablesAsTheHelpShowsThem() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let start = try #require(text.range(of: Self.begin + "\n"), "README has no key table markers")
        let stop = try #require(text.range(of: "\n" + Self.end, range: start.upperBound..<text.endIndex))
        let table = String(text[start.upperBound..<stop.lowerBound])
        let expected = AppKeys.markdownTable()
        if Snapshot.recording, table != expected {
            try text.replacingCharacters(in: start.upperBound..<stop.lowerBound, with: expected).write(
                to: Self.readme, atomically: true, encoding: .utf8)
            Issue.record("rewrote the README's key table; check it and run again")
            return
        }
        #expect(table == expected, "run RECORD_SNAPSHOTS=1 swift test --filter ReadmeKeyTable")
    }

    @Test func everyHelpLineIsInTheTable() {
        let table = AppKeys.markdownTable()
        for keys in [AppKeys.normal, AppKeys.stepping, AppKeys.running] {
            for binding in keys.bindings {
                #expect(table.lowercased().contains(binding.help.lowercased()), "\(binding.label)")
            }
        }
    }
}
