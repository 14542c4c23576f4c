import FlashCore
import TerminalKit

/// Moving the cursor: by page on the maps, by byte in the hex view, by row in the option bytes.
extension App {
    static func move(_ model: inout AppModel, _ action: AppAction) {
        let layout = model.shownMachine.layout
        switch model.focus {
        case .options:
            let step: Int
            switch action {
            case .up: step = -1
            case .down: step = 1
            case .pageUp: step = -10
            case .pageDown: step = 10
            default: step = 0
            }
            model.optionRow = max(0, min(optionFields.count - 1, model.optionRow + step))
        case .hex:
            let (perRow, rows) = hexCapacity(model)
            let delta: Int
            switch action {
            case .left: delta = -1
            case .right: delta = 1
            case .up: delta = -perRow
            case .down: delta = perRow
            case .pageUp: delta = -perRow * max(1, rows)
            default: delta = perRow * max(1, rows)
            }
            model.cursor = FlashCursor.move(model.cursor, by: delta, in: model.shownMachine)
        case .pages, .index:
            if let location = model.ospiLocation {
                moveOnOSPI(&model, action, from: location)
                return
            }
            let columns = mapColumns(model)
            let pages: Int
            switch action {
            case .left: pages = -1
            case .right: pages = 1
            case .up: pages = -columns
            case .down: pages = columns
            // PgUp/PgDn move a row of the bank map, as the help says; the whole bank is on screen.
            case .pageUp: pages = -columns
            default: pages = columns
            }
            let start = model.cursorLocation.map { FlashLayout.nonSecureTwin($0.pageAddress) } ?? model.cursor
            // Past the last page lies the OCTOSPI flash's first sector.
            if model.ospiMap != nil, pages > 0,
                FlashCursor.runsPastEnd(start, by: pages * Int(layout.pageSize), in: layout)
            {
                model.cursor = FlashRegion.ospiBase
                return
            }
            model.cursor = FlashCursor.move(start, by: pages * Int(layout.pageSize), in: layout)
            if let page = try? layout.locate(model.cursor) { model.cursor = page.pageAddress }
        }
    }

    /// Bytes per hex row and rows shown, for the hex panel if it is on screen (16 and 16 otherwise).
    static func hexCapacity(_ model: AppModel) -> (Int, Int) {
        guard let rect = AppLayout.make(for: model)?.panels[.hex] else { return (16, 16) }
        let capacity = HexViewWidget.capacity(in: rect)
        return (max(1, capacity.bytesPerRow), capacity.rows)
    }

    private static func mapColumns(_ model: AppModel) -> Int {
        let pages = model.shownMachine.layout.pagesPerBank
        guard let rect = AppLayout.make(for: model)?.maps.first,
            let geometry = AppLayout.mapGeometry(pages: pages, in: rect)
        else { return 16 }
        return geometry.columns * geometry.unitsPerCell
    }

    /// A click on a map cell selects that page; the wheel moves the cursor.
    static func handleMouse(_ model: inout AppModel, _ event: MouseEvent) {
        guard model.prompt == nil, model.confirmation == nil, model.helpTop == nil,
            let screen = AppLayout.make(for: model)
        else { return }
        switch event.kind {
        case .scrollUp, .scrollDown:
            // The wheel scrolls the pane under the pointer (the focused one elsewhere) a row, and leaves focus alone.
            let focus = model.focus
            model.focus = pane(atX: event.x, y: event.y, in: screen) ?? focus
            move(&model, event.kind == .scrollUp ? .up : .down)
            model.focus = focus
        case .click:
            let layout = model.shownMachine.layout
            let probe = PageMapWidget(
                title: "", states: Array(repeating: .erased, count: layout.pagesPerBank),
                showsLegend: false)
            if let rect = screen.ospiMap { clickOSPI(&model, x: event.x, y: event.y, in: rect) }
            for (index, rect) in screen.maps.enumerated() {
                guard let pnb = probe.unit(atX: event.x, y: event.y, in: rect) else { continue }
                let bank = index + 1
                if let page = layout.page(physicalBank: layout.physicalBank(forLogical: bank), pnb: pnb) {
                    model.cursor = page.address
                    model.focus = .pages
                }
            }
        }
    }

    /// The pane whose rectangle holds a screen cell: a map, the hex view, the option bytes or the page index.
    private static func pane(atX x: Int, y: Int, in screen: AppLayout) -> AppModel.Pane? {
        func holds(_ rect: Rect?) -> Bool { rect?.contains(x: x, y: y) ?? false }
        if screen.maps.contains(where: holds) || holds(screen.ospiMap) { return .pages }
        if holds(screen.panels[.hex]) { return .hex }
        if holds(screen.panels[.options]) { return .options }
        if holds(screen.panels[.index]) { return .index }
        return nil
    }

    static func findAgain(_ model: inout AppModel, forward: Bool) {
        guard let pattern = model.search else {
            model.status = StatusMessage("nothing to find yet: / searches", isError: true)
            return
        }
        if let found = ByteSearch.find(pattern, in: model.shownMachine, from: model.cursor, forward: forward) {
            model.cursor = found.address
            let bytes = pattern.bytes.map { ($0 < 0x10 ? "0" : "") + String($0, radix: 16, uppercase: true) }
                .joined(separator: " ")
            let wrapped =
                found.wrapped ? (forward ? " (search wrapped to the start)" : " (search wrapped to the end)") : ""
            model.status = StatusMessage("\(pattern.text) (\(bytes)) at \(hex(found.address))\(wrapped)")
        } else {
            model.status = StatusMessage("\(pattern.text) not found", isError: true)
        }
    }

    static func findDifference(_ model: inout AppModel, forward: Bool) {
        guard let file = model.loadedFile else {
            model.status = StatusMessage("no file loaded to compare with: P reads one", isError: true)
            return
        }
        if let found = ByteSearch.nextDifference(
            from: model.cursor, image: file.image, in: model.shownMachine, forward: forward)
        {
            model.cursor = found.start
            let wrapped = found.wrapped ? (forward ? " (wrapped to the start)" : " (wrapped to the end)") : ""
            let last = hex(found.start &+ UInt32(found.count - 1))
            model.status = StatusMessage(
                "differs from \(file.name) at \(hex(found.start))–\(last) (\(found.count) bytes)\(wrapped)")
        } else {
            model.status = StatusMessage("flash matches \(file.name)")
        }
    }
}
