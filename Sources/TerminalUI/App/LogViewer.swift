import FlashCore
import TerminalKit

/// The log viewer (`m`): the session's messages in full, the trace of the last operation run
/// here, and the device's history as the journal keeps it (`flashscope log`).
package struct LogViewer: Equatable, Sendable {
    package enum Section: String, CaseIterable, Sendable {
        case messages = "Messages"
        case trace = "Trace"
        case history = "History"
    }

    package var section: Section = .messages
    /// First line shown; nil follows the end (newest last).
    package var top: Int?

    /// The lines of `section` wrapped to `width`, with their roles.
    static func lines(_ section: Section, model: AppModel, width: Int) -> [(text: String, role: Role)] {
        var lines: [(text: String, role: Role)] = []
        switch section {
        case .messages:
            if model.messages.isEmpty { return [("no messages yet", .dim)] }
            for message in model.messages {
                let wrapped = message.text.wrapped(to: width)
                lines += wrapped.map { ($0, message.isError ? Role.error : .normal) }
            }
        case .trace:
            guard let trace = model.lastTrace else {
                return [("no operation has run in this session yet: its bus accesses show here", .dim)]
            }
            lines.append(("\(trace.title): \(trace.entries.count) accesses kept", .title))
            for entry in trace.entries {
                for (text, role) in StepPanelWidget.describe(entry) where text != " " {
                    lines += text.wrapped(to: width).map { ($0, role == .changed ? Role.normal : role) }
                }
            }
        case .history:
            guard let history = model.history else { return [("reading the history…", .dim)] }
            if history.isEmpty { return [("the device's history is empty", .dim)] }
            for line in history { lines += line.wrapped(to: width).map { ($0, Role.normal) } }
        }
        return lines
    }
}

/// The last operation this session ran, as its trace was saved.
package struct SessionTrace: Equatable, Sendable {
    package var title: String
    package var entries: [RenderedTraceEntry]
}

extension App {
    /// The viewer's box: the screen less a margin.
    static func logViewerRect(_ size: Size) -> Rect {
        Rect(origin: 0, 0, size: size).inset(horizontal: 2, vertical: 1)
    }

    /// Opens the viewer on the messages, and asks the runner for the history.
    static func openLogViewer(_ model: inout AppModel) -> [AppEffect] {
        model.logViewer = LogViewer()
        return [.loadHistory]
    }

    /// Keys while the viewer is open: scroll, switch section, close.
    static func handleLogViewerKey(_ model: inout AppModel, _ key: Key) -> [AppEffect] {
        guard var viewer = model.logViewer else { return [] }
        let inner = logViewerRect(model.size).inset(by: 1)
        let total = LogViewer.lines(viewer.section, model: model, width: max(1, inner.width)).count
        let visible = max(1, inner.height)
        let last = max(0, total - visible)
        let top = viewer.top ?? last
        switch key {
        case .escape, .char("m"):
            model.logViewer = nil
            return []
        case .char("q"): return perform(&model, .quit)
        case .tab, .backTab:
            let sections = LogViewer.Section.allCases
            let index = sections.firstIndex(of: viewer.section) ?? 0
            viewer.section = sections[(index + (key == .tab ? 1 : sections.count - 1)) % sections.count]
            viewer.top = nil
        case .up, .char("k"): viewer.top = max(0, top - 1)
        case .down, .char("j"): viewer.top = min(last, top + 1)
        case .pageUp: viewer.top = max(0, top - visible)
        case .pageDown: viewer.top = min(last, top + visible)
        case .home, .char("g"): viewer.top = 0
        case .end, .char("G"): viewer.top = nil
        default: break
        }
        if viewer.top == last { viewer.top = nil }
        model.logViewer = viewer
        return []
    }

    static func renderLogViewer(_ model: AppModel, _ viewer: LogViewer, into buffer: inout ScreenBuffer) {
        let box = logViewerRect(buffer.size)
        let tabs = LogViewer.Section.allCases.map { $0 == viewer.section ? "[\($0.rawValue)]" : $0.rawValue }
        let title = "Log: " + tabs.joined(separator: " ") + " · Tab switches, ↑/↓ PgUp/PgDn Home/End scroll, Esc closes"
        let inner = Frame(title: title).render(in: box, into: &buffer)
        guard !inner.isEmpty else { return }
        let lines = LogViewer.lines(viewer.section, model: model, width: inner.width)
        let last = max(0, lines.count - inner.height)
        let top = min(viewer.top ?? last, last)
        for (index, line) in lines.dropFirst(top).prefix(inner.height).enumerated() {
            buffer.write(line.text, atX: inner.x, y: inner.y + index, role: line.role, clip: inner)
        }
    }
}
