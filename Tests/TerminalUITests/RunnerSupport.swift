import FlashCore
import Foundation

@testable import TerminalKit
@testable import TerminalUI

/// A terminal for runner tests. Each step waits until the screen shows what it wants, then its
/// events are typed one per poll; with nothing to type it waits out the loop's timeout (briefly),
/// as a terminal with no key pressed would. Every flushed frame is kept as text.
final class ScriptedBackend: TerminalBackend {
    struct Step {
        var waitsFor: String
        var ready: (String) -> Bool
        var events: [TerminalEvent]

        /// Types `events` once the screen contains `text`.
        static func when(_ text: String, send events: [TerminalEvent]) -> Step {
            Step(waitsFor: "\"\(text)\"", ready: { $0.contains(text) }, events: events)
        }
    }

    let size: Size
    private var screen: ScreenBuffer
    private(set) var frames: [String] = []
    private var steps: [Step]
    private var typing: [TerminalEvent] = []
    private var polls = 0
    /// A guard against a test that never sees what it waits for: it then ends the loop.
    private let pollLimit: Int
    /// What the script was still waiting for when it gave up.
    private(set) var gaveUpWaitingFor: String?

    init(size: Size = Size(width: 100, height: 30), steps: [Step], pollLimit: Int = 20_000) {
        self.size = size
        screen = ScreenBuffer(size: size)
        self.steps = steps
        self.pollLimit = pollLimit
    }

    var current: String { screen.lines.joined(separator: "\n") }
    var finishedScript: Bool { steps.isEmpty && typing.isEmpty }

    func draw(_ changes: [CellChange]) throws { screen.apply(changes) }
    func flush() throws { frames.append(current) }

    func nextEvent(timeoutMilliseconds: Int?) -> TerminalEvent? {
        polls += 1
        if typing.isEmpty, let step = steps.first, step.ready(current) {
            steps.removeFirst()
            typing = step.events
        }
        if !typing.isEmpty { return typing.removeFirst() }
        if polls > pollLimit {
            gaveUpWaitingFor = steps.first?.waitsFor ?? "nothing"
            return .terminationRequested(signal: SIGTERM)
        }
        usleep(UInt32(min(timeoutMilliseconds ?? 10, 10)) * 1000)
        return nil
    }
}

/// Files and a store in memory: images by name, and the commits the runner asked to save.
final class MemoryEnvironment: AppEnvironment {
    let files: [String: MemoryImage]
    private(set) var saved: [OperationCommit] = []

    init(files: [String: MemoryImage]) {
        self.files = files
    }

    func save(_ commit: OperationCommit) -> [AppMsg] {
        saved.append(commit)
        return []
    }

    func undo() -> [AppMsg] { [.effectFailed("undo: nothing to undo")] }

    func redo() -> [AppMsg] { [.effectFailed("redo: nothing to redo")] }

    func history() -> [AppMsg] { [.historyLoaded([])] }

    func listDirectory(prefix: String) -> [AppMsg] {
        [.directoryListed(prefix: prefix, entries: files.keys.filter { $0.hasPrefix(prefix) }.sorted())]
    }

    /// Files whose name ends in `.bin` are binary; the rest say where they go.
    func inspectFile(path: String) -> [AppMsg] {
        guard files[path] != nil else { return [.fileRejected(typed: path, reason: "\(path): no such file")] }
        return [.fileInspected(path: path, isBinary: path.hasSuffix(".bin"))]
    }

    func loadImage(path: String, address: UInt32) -> [AppMsg] {
        guard let image = files[path] else { return [.effectFailed("\(path): no such file")] }
        return [.imageLoaded(path: path, image: image)]
    }

    /// Files `w` wrote, by name; a name in `files` or already written counts as there.
    private(set) var written: [String: MemoryImage] = [:]

    func saveFile(path: String, image: MemoryImage, replacing: Bool) -> [AppMsg] {
        if !replacing, files[path] != nil || written[path] != nil {
            return [.fileNotSaved(typed: path, reason: "\(path) exists", exists: true)]
        }
        written[path] = image
        return [.fileSaved(path: path, bytes: image.byteCount, format: path.hasSuffix(".bin") ? "binary" : "Intel HEX")]
    }

    func externalChange() -> DeviceState? { nil }
}

extension TerminalEvent {
    /// Each character typed as its key.
    static func typed(_ text: String) -> [TerminalEvent] { text.map { .key(.char($0)) } }
}
