import FlashCore
import TerminalKit

/// The option bytes panel: its rows, the width they need, and drawing it with the selection.
extension App {
    static let optionsPanelTitle = "Option bytes (D, S toggle; Enter edits; L launches)"

    /// The panel's rows for the shown machine: the model's, unless its option bytes changed since.
    static func optionPanel(_ model: AppModel) -> OptionPanelRows {
        if let cached = model.optionPanel, cached.isCurrent(for: model.shownMachine) { return cached }
        return OptionPanelRows(machine: model.shownMachine)
    }

    static func optionRows(_ model: AppModel) -> [OptionByteRow] { optionPanel(model).rows }

    /// Columns the panel needs for its widest row or its title, frame included; `meanings` adds
    /// the meaning column (a wide terminal has room for it beside the messages).
    static func optionsPanelWidth(_ model: AppModel, meanings: Bool = false) -> Int {
        let panel = optionPanel(model)
        return meanings ? panel.widthWithMeanings : panel.width
    }

    static func renderOptions(_ model: AppModel, in rect: Rect, into buffer: inout ScreenBuffer) {
        let rows = optionRows(model)
        let focused = model.focus == .options
        let title = (focused ? "● " : "") + optionsPanelTitle
        OptionBytesPanelWidget(title: title, rows: rows, firstRow: model.optionTop).render(in: rect, into: &buffer)
        let inner = rect.inset(by: 1)
        let visible = inner.height - 1
        guard focused, visible > 0 else { return }
        let first = max(0, min(model.optionTop, rows.count - visible))
        let line = model.optionRow - first
        if line >= 0, line < visible { buffer.setRole(.selection, in: inner.row(1 + line)) }
        // The selected field's meaning in full on the bottom edge, as the hex view shows its inspector.
        guard rows.indices.contains(model.optionRow), rect.width > 6 else { return }
        let row = rows[model.optionRow]
        let edge = Rect(x: rect.x + 1, y: rect.bottom - 1, width: rect.width - 2, height: 1)
        buffer.write(" \(row.name): \(row.meaning) ", atX: edge.x + 1, y: edge.y, role: .title, clip: edge)
    }
}
