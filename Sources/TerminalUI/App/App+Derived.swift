import FlashCore

/// What follows from the rest of the model: kept in step after every message.
extension App {
    /// The option fields the panel lists: every OPTR field, then the write-protection areas.
    public static let optionFields: [OptionField] = OptionField.optr + OptionField.all.filter { $0.name.hasPrefix("WRP") }

    static func refreshDerived(_ model: inout AppModel) {
        let machine = model.shownMachine
        model.cursor = FlashCursor.clamp(model.cursor, in: machine.layout)
        if model.pageIndex?.key != PageIndexReport.key(for: machine, address: model.cursor) {
            model.pageIndex = PageIndexReport(machine: machine, address: model.cursor)
        }
        model.optionRow = max(0, min(optionFields.count - 1, model.optionRow))
        guard let layout = AppLayout.make(for: model) else { return }
        if let rect = layout.panels[.options] {
            let visible = max(1, rect.height - 3)
            model.optionTop = Scroll.keepingVisible(row: model.optionRow, top: model.optionTop, visible: visible,
                                                    total: optionFields.count)
        }
        if let rect = layout.panels[.hex], let location = model.cursorLocation {
            let capacity = HexViewWidget.capacity(in: rect)
            let perRow = max(1, capacity.bytesPerRow)
            let row = Int(model.cursor - location.pageAddress) / perRow
            model.hexTop = Scroll.keepingVisible(row: row, top: model.hexTop, visible: capacity.rows,
                                                 total: Int(location.pageSize) / perRow)
        }
    }
}
