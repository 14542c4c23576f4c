import FlashCore
import TerminalKit

/// Home, End and `G`: to either end of what the focused pane shows, and to the end of the flash.
extension App {
    /// Home (`toEnd` false) or End: the first or last page of the bank map the cursor is on (sector of
    /// the OCTOSPI map), the first or last byte of the page in the hex view, the first or last option row.
    static func jump(_ model: inout AppModel, toEnd: Bool) {
        switch model.focus {
        case .options:
            model.optionRow = toEnd ? optionFields.count - 1 : 0
        case .hex:
            guard let (start, size) = hexRange(model) else { return }
            model.cursor = toEnd ? start + size - 1 : start
        case .pages, .index:
            if model.ospiLocation != nil, let map = model.ospiMap {
                let last = UInt32(map.states.count - 1) * map.geometry.sectorSize
                model.cursor = FlashRegion.ospiBase + (toEnd ? last : 0)
                return
            }
            guard let location = model.cursorLocation else { return }
            let layout = model.shownMachine.layout
            let start = layout.bankStart(location.bank)
            let last = start + UInt32(layout.pagesPerBank - 1) * layout.pageSize
            model.cursor = toEnd ? last : start
        }
    }

    /// `G`: the last page of the flash the cursor is on (the last OCTOSPI sector on the OCTOSPI flash).
    static func jumpToLast(_ model: inout AppModel) {
        if model.ospiLocation != nil {
            model.focus = .pages
            jump(&model, toEnd: true)
            return
        }
        let layout = model.shownMachine.layout
        let bank = layout.bankCount
        model.cursor = layout.bankStart(bank) + UInt32(layout.pagesPerBank - 1) * layout.pageSize
        model.focus = .pages
    }
}
