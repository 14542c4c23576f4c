import FlashCore
import TerminalKit

/// What follows from the rest of the model: kept in step after every message.
extension App {
    /// The option fields the panel lists: every OPTR field, then the write-protection areas.
    package static let optionFields: [OptionField] = OptionField.all

    static func refreshDerived(_ model: inout AppModel) {
        let machine = model.shownMachine
        model.cursor = FlashCursor.clamp(model.cursor, in: machine)
        let file = model.loadedFile?.image
        let position = model.stepping?.position
        if model.ospiMap?.isCurrent(machine: machine, stepPosition: position, file: file, board: model.attached) != true
        {
            model.ospiMap = OctoSPIMap(machine: machine, stepPosition: position, file: file, board: model.attached)
        }
        if model.pageMaps?.isCurrent(machine: machine, file: file, board: model.attached) != true {
            model.pageMaps = FlashPageMaps(machine: machine, file: file, board: model.attached)
        }
        if model.optionPanel?.isCurrent(for: machine) != true { model.optionPanel = OptionPanelRows(machine: machine) }
        // The page index runs each algorithm's erase: only for embedded flash addresses.
        if model.ospiLocation == nil && model.systemLocation == nil {
            if model.pageIndex?.key != PageIndexReport.key(for: machine, address: model.cursor) {
                model.pageIndex = PageIndexReport(machine: machine, address: model.cursor)
            } else if model.pageIndex?.address != model.cursor {
                model.pageIndex?.move(to: model.cursor, machine: machine)
            }
        }
        model.optionRow = max(0, min(optionFields.count - 1, model.optionRow))
        guard let layout = AppLayout.make(for: model) else { return }
        if let rect = layout.panels[.options] {
            let visible = max(1, rect.height - 3)
            model.optionTop = Scroll.keepingVisible(
                row: model.optionRow, top: model.optionTop, visible: visible,
                total: optionFields.count)
        }
        if let rect = layout.panels[.hex], let (start, size) = hexRange(model) {
            let capacity = HexViewWidget.capacity(in: rect)
            let perRow = max(1, capacity.bytesPerRow)
            let row = Int(model.cursor - start) / perRow
            model.hexTop = Scroll.keepingVisible(
                row: row, top: model.hexTop, visible: capacity.rows,
                total: Int(size) / perRow)
        }
    }

    /// What the hex view shows: the page holding the cursor, or its OCTOSPI sector.
    static func hexRange(_ model: AppModel) -> (start: UInt32, size: UInt32)? {
        if let location = model.ospiLocation { return (location.sectorAddress, location.sectorSize) }
        if let area = model.systemLocation?.area { return (area.start, area.size) }
        return model.cursorLocation.map { ($0.pageAddress, $0.pageSize) }
    }
}
