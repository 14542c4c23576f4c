import FlashCore
import TerminalKit

/// The option bytes panel: its rows, the width they need, and drawing it with the selection.
extension App {
    static let optionsPanelTitle = "Option bytes (D, S toggle; Enter edits; L launches)"

    static func optionRows(_ model: AppModel) -> [OptionByteRow] {
        let controller = model.shownMachine.controller
        return optionFields.map {
            OptionByteRow(field: $0, effective: controller.effective, pending: controller.pending)
        }
    }

    /// Columns the panel needs for its widest row or its title, frame included.
    static func optionsPanelWidth(_ model: AppModel) -> Int {
        let content = OptionBytesPanelWidget.contentWidth(of: optionRows(model))
        return max(content, optionsPanelTitle.count + 2) + 4
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
    }
}
