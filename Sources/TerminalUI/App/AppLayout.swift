import TerminalKit

/// Where each part of the app goes for a terminal size. `update` uses it too, for
/// mouse clicks and for keeping the cursor in view, so both agree on the geometry.
struct AppLayout {
    /// The detail panels below the page maps.
    enum Panel: Hashable {
        case hex, options, index, step
    }

    /// Below this the app shows `TooSmallWidget`.
    static let minimum = Size(width: 80, height: 24)

    var title: Rect
    /// One rect per logical bank shown (one when DBANK=0); none on a small terminal while
    /// the cursor is on the OCTOSPI flash, whose map then takes their place.
    var maps: [Rect]
    /// The OCTOSPI sector map, on parts with an OCTOSPI flash: always on a large terminal,
    /// instead of the bank maps on a small one when the cursor is on the OCTOSPI flash.
    var ospiMap: Rect?
    var legend: Rect
    var panels: [Panel: Rect]
    var keyBar: Rect
    /// True when every panel is on screen at once.
    var isLarge: Bool

    /// The layout for `model` at its size, or nil when the terminal is too small.
    static func make(for model: AppModel) -> AppLayout? {
        let size = model.size
        guard size.covers(minimum) else { return nil }
        let screen = Rect(origin: 0, 0, size: size)
        let isLarge = size.width >= 160 && size.height >= 40
        let banks = model.shownMachine.layout.bankCount
        let sideBySide = isLarge && banks == 2
        let mapWidth = sideBySide ? size.width / 2 : size.width
        let mapHeight = mapRows(pages: model.shownMachine.layout.pagesPerBank, width: mapWidth) + 2
        let mapsHeight = sideBySide || banks == 1 ? mapHeight : mapHeight * 2
        let hasOSPI = model.shownMachine.ospi != nil
        let ospiHeight = isLarge && hasOSPI ? largeOSPIGridRows + 2 : 0
        let parts = screen.split(
            .vertical, [.fixed(1), .fixed(mapsHeight), .fixed(ospiHeight), .fixed(1), .fill(), .fixed(1)])
        let rows = [parts[0], parts[1], parts[3], parts[4], parts[5]]
        var ospiMap: Rect? = isLarge && hasOSPI ? parts[2] : nil
        let maps: [Rect]
        if !isLarge && hasOSPI && model.ospiLocation != nil {
            maps = []
            ospiMap = rows[1]
        } else if banks == 1 {
            maps = [rows[1]]
        } else if sideBySide {
            maps = rows[1].split(.horizontal, [.fill(), .fill()])
        } else {
            maps = rows[1].split(.vertical, [.fill(), .fill()])
        }
        var panels: [Panel: Rect] = [:]
        let detail = rows[3]
        if isLarge {
            let columns = detail.split(.horizontal, [.fixed(80), .fill()])
            let left = columns[0].split(.vertical, [.fill(), .fixed(13)])
            panels[.hex] = left[0]
            panels[.index] = left[1]
            if model.stepping != nil {
                let right = columns[1].split(.vertical, [.fixed(16), .fill()])
                panels[.step] = right[0]
                panels[.options] = right[1]
            } else {
                panels[.options] = columns[1]
            }
        } else {
            panels[compactPanel(for: model)] = detail
        }
        return AppLayout(
            title: rows[0], maps: maps, ospiMap: ospiMap, legend: rows[2], panels: panels, keyBar: rows[4],
            isLarge: isLarge)
    }

    /// The one panel a small terminal shows: the step panel while stepping, else the focused pane.
    static func compactPanel(for model: AppModel) -> Panel {
        if model.stepping != nil { return .step }
        switch model.focus {
        case .hex: return .hex
        case .options: return .options
        case .pages, .index: return .index
        }
    }

    /// Grid rows of the OCTOSPI map on a large terminal.
    static let largeOSPIGridRows = 4

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
