import TerminalKit

/// Where each part of the app goes for a terminal size. `update` uses it too, for
/// mouse clicks and for keeping the cursor in view, so both agree on the geometry.
///
/// Nothing switches at one size: the maps take the arrangement that fits (one row per
/// bank when a bank fits a row, side by side on wide terminals), the OCTOSPI map stays
/// on screen while the panels below keep enough rows, and the panels below fill the
/// width in columns (hex and page index, option bytes, messages) as far as it goes.
struct AppLayout {
    /// The detail panels below the page maps.
    enum Panel: Hashable {
        case hex, options, index, step, messages
    }

    /// Below this the app shows `TooSmallWidget`.
    static let minimum = Size(width: 80, height: 24)

    var title: Rect
    /// One rect per logical bank shown (one when DBANK=0); none on a small terminal while
    /// the cursor is on the OCTOSPI flash, whose map then takes their place.
    var maps: [Rect]
    /// The OCTOSPI sector map, on parts with an OCTOSPI flash: on screen whenever the panels
    /// below keep room, else instead of the bank maps while the cursor is on the OCTOSPI flash.
    var ospiMap: Rect?
    var legend: Rect
    var panels: [Panel: Rect]
    var keyBar: Rect

    /// Rows the panels below the maps keep before the OCTOSPI map may take six of them.
    static let panelRowsBesideOSPI = 12
    /// Rows of the page index panel (its eleven lines and the frame).
    static let indexHeight = 13
    /// Fewest columns the option bytes panel is given beside the hex view.
    static let optionsMinimumWidth = 48
    /// Fewest columns worth a messages panel beside the option bytes.
    static let messagesMinimumWidth = 36

    /// The layout for `model` at its size, or nil when the terminal is too small.
    static func make(for model: AppModel) -> AppLayout? {
        let size = model.size
        guard size.covers(minimum) else { return nil }
        let screen = Rect(origin: 0, 0, size: size)
        let flash = model.shownMachine.layout
        let banks = flash.bankCount
        let arrangement = mapArrangement(pages: flash.pagesPerBank, banks: banks, size: size)
        let hasOSPI = model.shownMachine.ospi != nil
        let ospiHeight = ospiGridRows(height: size.height) + 2
        let keptRows = size.height - 3 - arrangement.height - ospiHeight
        let ospiAlways = hasOSPI && keptRows >= panelRowsBesideOSPI
        let parts = screen.split(
            .vertical,
            [.fixed(1), .fixed(arrangement.height), .fixed(ospiAlways ? ospiHeight : 0), .fixed(1), .fill(), .fixed(1)])
        var ospiMap: Rect? = ospiAlways ? parts[2] : nil
        let maps: [Rect]
        if !ospiAlways && hasOSPI && model.ospiLocation != nil {
            maps = []
            ospiMap = parts[1]
        } else if banks == 1 {
            maps = [parts[1]]
        } else if arrangement.sideBySide {
            maps = parts[1].split(.horizontal, [.fill(), .fill()])
        } else {
            maps = parts[1].split(.vertical, [.fill(), .fill()])
        }
        return AppLayout(
            title: parts[0], maps: maps, ospiMap: ospiMap, legend: parts[3],
            panels: detailPanels(for: model, in: parts[4]), keyBar: parts[5])
    }

    /// How the bank maps sit: one row per bank stacked when a bank fits one row and the
    /// terminal is tall, side by side on a wide terminal, else stacked.
    static func mapArrangement(pages: Int, banks: Int, size: Size) -> (sideBySide: Bool, height: Int) {
        let stackedRows = mapRows(pages: pages, width: size.width)
        let stacked = (sideBySide: false, height: (stackedRows + 2) * banks)
        guard banks == 2, size.width >= 160 else { return stacked }
        let sideBySide = (sideBySide: true, height: mapRows(pages: pages, width: size.width / 2) + 2)
        return stackedRows == 1 && size.height >= 45 ? stacked : sideBySide
    }

    /// Grid rows of the OCTOSPI map when it shares the screen: more on a tall terminal, so a cell
    /// stands for fewer sectors.
    static func ospiGridRows(height: Int) -> Int { height >= 60 ? 8 : 4 }

    /// The panels below the maps, in as many columns as the width allows.
    static func detailPanels(for model: AppModel, in detail: Rect) -> [Panel: Rect] {
        var panels: [Panel: Rect] = [:]
        let hexWidth = hexPanelWidth(for: detail.width)
        let twoColumns = detail.width >= hexWidth + optionsMinimumWidth
        guard twoColumns else {
            // One column: the focused panel, with the page index under it when both fit.
            let main = compactPanel(for: model)
            if main != .index, main != .step, detail.height >= indexHeight + 8 {
                let rows = detail.split(.vertical, [.fill(), .fixed(indexHeight)])
                panels[main] = rows[0]
                panels[.index] = rows[1]
            } else {
                panels[main] = detail
            }
            return panels
        }
        let columns = detail.split(.horizontal, [.fixed(hexWidth), .fill()])
        if detail.height >= indexHeight + 8 {
            let left = columns[0].split(.vertical, [.fill(), .fixed(indexHeight)])
            panels[.hex] = left[0]
            panels[.index] = left[1]
        } else {
            panels[model.focus == .index || model.focus == .pages ? .index : .hex] = columns[0]
        }
        var right = columns[1]
        if let wanted = stepPanelHeight(for: model, width: right.width) {
            guard right.height >= wanted + 6 else {
                panels[.step] = right
                return panels
            }
            let rows = right.split(.vertical, [.fixed(wanted), .fill()])
            panels[.step] = rows[0]
            right = rows[1]
        }
        // The meaning column when it fits beside the messages or the option bytes have the focus (the
        // messages then give way), else the three value columns.
        let withMeanings = App.optionsPanelWidth(model, meanings: true)
        let optionsWidth =
            right.width >= withMeanings + messagesMinimumWidth || model.focus == .options
            ? withMeanings : App.optionsPanelWidth(model)
        if right.width >= optionsWidth + messagesMinimumWidth {
            let parts = right.split(.horizontal, [.fixed(optionsWidth), .fill()])
            panels[.options] = parts[0]
            panels[.messages] = parts[1]
        } else {
            panels[.options] = right
        }
        return panels
    }

    /// Rows the step panel wants: the stepped operation's, or the served client's; nil when there is neither.
    static func stepPanelHeight(for model: AppModel, width: Int) -> Int? {
        if let session = model.stepping { return StepPanelWidget(session: session).height(forWidth: width) }
        if let view = model.served { return ClientPanelWidget(view: view).height(forWidth: width) }
        return nil
    }

    /// The hex panel's width: 32 bytes a row when the rest keeps room for the option bytes, else 16.
    static func hexPanelWidth(for width: Int) -> Int {
        let wide = HexViewWidget.rowWidth(bytesPerRow: 32) + 3
        return width >= wide + optionsMinimumWidth + 6 ? wide : HexViewWidget.rowWidth(bytesPerRow: 16) + 3
    }

    /// The one panel a narrow terminal shows: the step panel while stepping, else the focused pane.
    static func compactPanel(for model: AppModel) -> Panel {
        if model.stepping != nil || model.served?.isHeld == true { return .step }
        switch model.focus {
        case .hex: return .hex
        case .options: return .options
        case .pages, .index: return .index
        }
    }

    /// Grid rows a bank map needs at `width` (no legend: the app draws one for all maps).
    static func mapRows(pages: Int, width: Int) -> Int {
        let probe = PageMapWidget(
            title: "", states: Array(repeating: .erased, count: max(pages, 1)), showsLegend: false)
        return probe.geometry(in: Rect(x: 0, y: 0, width: width, height: 64))?.rows ?? 1
    }

    /// Map geometry for clicks and up/down moves.
    static func mapGeometry(pages: Int, in rect: Rect) -> PageMapWidget.Geometry? {
        PageMapWidget(title: "", states: Array(repeating: .erased, count: max(pages, 1)), showsLegend: false)
            .geometry(in: rect)
    }
}
