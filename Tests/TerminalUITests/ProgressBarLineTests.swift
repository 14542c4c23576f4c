import FlashCore
import Foundation
import Testing

@testable import TerminalUI

/// The progress line of long operations in the terminal UI.
@Suite struct ProgressBarLineTests {
    private func text(_ changes: [CellChange]) -> String {
        String(changes.sorted { $0.x < $1.x }.map(\.cell.character))
    }

    @Test func drawsABarAcrossTheLine() {
        let changes = ProgressBarLine.changes(title: "program", done: 9, total: 16, width: 60, row: 23)
        #expect(changes.count == 60)
        #expect(changes.allSatisfy { $0.y == 23 })
        let line = text(changes)
        #expect(line.hasPrefix("program: █"))
        #expect(line.hasSuffix(" 56% (9/16 sectors)"))
        let bar = line.filter { $0 == "█" || $0 == "░" }
        #expect(bar.filter { $0 == "█" }.count == bar.count * 9 / 16)
    }

    @Test func narrowAndEmptyLinesDoNotCrash() {
        #expect(ProgressBarLine.changes(title: "x", done: 1, total: 2, width: 0, row: 0).isEmpty)
        #expect(ProgressBarLine.changes(title: "a long title", done: 5, total: 0, width: 8, row: 0).count == 8)
    }

    /// The operation's sectors reach the hook as the engine works through them.
    @Test func executeReportsEachSector() throws {
        final class Recorder: @unchecked Sendable {
            let lock = NSLock()
            var calls: [(String, Int, Int)] = []
            func add(_ call: (String, Int, Int)) { lock.lock(); calls.append(call); lock.unlock() }
        }
        let recorder = Recorder()
        App.progressHook = { name, done, total in
            if name.contains("progress-test") { recorder.add((name, done, total)) }
        }
        defer { App.progressHook = nil }
        var model = AppHarness.model(AppHarness.state())
        let image = try MemoryImage(segments: [
            .init(address: 0x0800_0000, bytes: [UInt8](repeating: 1, count: 16 * 2048))
        ])
        _ = App.execute(&model, .program(LoadedFile(name: "progress-test.bin", image: image)))
        let ours = recorder.calls.filter { $0.0.contains("progress-test") }
        #expect(ours.map(\.1) == Array(1...16))
        #expect(ours.allSatisfy { $0.2 == 16 })
    }
}
