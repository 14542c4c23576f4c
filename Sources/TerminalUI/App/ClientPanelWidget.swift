import FlashCore
import TerminalKit

/// The panel of a served chip: who is connected, the access the client made last (held or not),
/// and the flash-controller registers as they are now, the fields that access changed highlighted.
package struct ClientPanelWidget: Widget {
    package var view: ServedView

    package init(view: ServedView) {
        self.view = view
    }

    /// Rows the panel needs at `width`: the access box and every register row.
    package func height(forWidth width: Int) -> Int {
        lines(width: max(1, width - 2)).count + 2 + registerPanel.height(forWidth: width)
    }

    private var registerPanel: RegisterPanelWidget {
        RegisterPanelWidget(title: "FLASH registers (served)", rows: view.snapshot?.registers ?? [])
    }

    private var title: String {
        guard !view.clients.isEmpty else { return "Serving · waiting for a client" }
        return "Client: " + view.clients.joined(separator: ", ")
    }

    private func lines(width: Int) -> [(text: String, role: Role)] {
        var lines: [(String, Role)] = []
        let state: String
        if view.isHeld {
            state = "HELD at this flash-controller access: n lets it go on, c lets it run"
        } else if view.holding {
            state = "holding at the next flash-controller access"
        } else {
            state = "following the client (t holds it at each flash-controller access)"
        }
        lines.append((state, view.isHeld ? .warning : .dim))
        if view.clients.isEmpty { lines.append(("listening: " + view.listeners.joined(separator: ", "), .normal)) }
        if let snapshot = view.snapshot, snapshot.accesses > 0 {
            lines.append(("\(snapshot.accesses) accesses served; the last:", .dim))
            lines += StepPanelWidget.describe(snapshot.lastAccess)
        }
        return lines.flatMap { line in line.0.wrapped(to: width).map { ($0, line.1) } }
    }

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let width = max(1, area.width - 2)
        let lines = lines(width: width)
        let parts = area.split(.vertical, [.fixed(lines.count + 2), .fill()])
        let inner = Frame(title: title).render(in: parts[0], into: &buffer)
        if !inner.isEmpty {
            for (index, line) in lines.prefix(inner.height).enumerated() {
                buffer.write(line.text, atX: inner.x, y: inner.y + index, role: line.role, clip: inner)
            }
        }
        registerPanel.render(in: parts[1], into: &buffer)
    }
}
