import FlashCore
import TerminalKit

/// The OCTOSPI map in the update loop: its zoom, moving over its cells, jumping to it.
extension App {
    /// Where the OCTOSPI map goes (as if the cursor were on it, on a small terminal).
    static func ospiRect(_ model: AppModel) -> Rect? {
        var probe = model
        if probe.ospiLocation == nil { probe.cursor = FlashRegion.ospiBase }
        return AppLayout.make(for: probe)?.ospiMap
    }

    /// Sectors per cell that show the whole OCTOSPI flash in its map.
    static func ospiFitZoom(_ model: AppModel) -> Int {
        guard let map = model.ospiMap, let rect = ospiRect(model) else { return 1 }
        let probe = PageMapWidget(title: "", states: map.states, showsLegend: false)
        return probe.geometry(in: rect)?.unitsPerCell ?? 1
    }

    /// Sectors per cell in force: the zoom asked for, never more than the fit.
    static func ospiZoom(_ model: AppModel) -> Int {
        let fit = ospiFitZoom(model)
        return min(model.ospiZoom ?? fit, fit)
    }

    /// The OCTOSPI map widget for `model` (the cursor cell only when the cursor is on it).
    static func ospiMapWidget(_ model: AppModel, title: String) -> PageMapWidget? {
        guard let map = model.ospiMap else { return nil }
        return PageMapWidget(
            title: title, states: map.states, unitName: "sector", cursor: model.ospiLocation?.sector,
            showsLegend: false, zoom: ospiZoom(model))
    }

    /// `+` halves the sectors per cell (down to one), `-` doubles them (up to the whole flash).
    static func zoom(_ model: inout AppModel, inward: Bool) {
        guard model.ospiMap != nil else {
            model.status = StatusMessage("\(model.shownMachine.part.name) has no OCTOSPI flash to zoom", isError: true)
            return
        }
        let fit = ospiFitZoom(model)
        let current = ospiZoom(model)
        let next = inward ? max(1, current / 2) : min(fit, current * 2)
        model.ospiZoom = next
        let plural = next == 1 ? "" : "s"
        if next == current {
            model.status = StatusMessage(
                inward
                    ? "OCTOSPI map: one sector a cell already"
                    : "OCTOSPI map: the whole flash is shown already")
        } else {
            model.status = StatusMessage("OCTOSPI map: 1 cell = \(next) sector\(plural)")
        }
    }

    /// `o`: from the embedded flash to the OCTOSPI flash's first sector, and back to the first page.
    static func switchFlash(_ model: inout AppModel) {
        guard model.ospiMap != nil else {
            model.status = StatusMessage("\(model.shownMachine.part.name) has no OCTOSPI flash", isError: true)
            return
        }
        model.cursor = model.ospiLocation == nil ? FlashRegion.ospiBase : FlashLayout.nonSecureBase
        model.focus = .pages
    }

    /// Moves by cells on the OCTOSPI map; before its first sector lies the last page of the embedded flash.
    static func moveOnOSPI(_ model: inout AppModel, _ action: AppAction, from location: OctoSPILocation) {
        guard let map = model.ospiMap, let rect = ospiRect(model) else { return }
        let zoom = ospiZoom(model)
        let geometry = PageMapWidget(title: "", states: map.states, showsLegend: false, zoom: zoom).geometry(in: rect)
        let columns = geometry?.columns ?? 16
        let rows = max(1, geometry?.rows ?? 1)
        let cells: Int
        switch action {
        case .left: cells = -1
        case .right: cells = 1
        case .up: cells = -columns
        case .down: cells = columns
        case .pageUp: cells = -columns * rows
        default: cells = columns * rows
        }
        let cell = location.sector / zoom + cells
        if cell < 0 {
            let last = FlashCursor.move(FlashLayout.nonSecureBase, by: Int.max / 2, in: model.shownMachine.layout)
            model.cursor = (try? model.shownMachine.layout.locate(last))?.pageAddress ?? FlashLayout.nonSecureBase
            return
        }
        let sector = min(map.states.count - 1, cell * zoom)
        model.cursor = FlashRegion.ospiBase + UInt32(sector) * map.geometry.sectorSize
    }

    /// A click on the OCTOSPI map selects the first sector of the cell under the pointer.
    static func clickOSPI(_ model: inout AppModel, x: Int, y: Int, in rect: Rect) {
        guard let map = model.ospiMap, let widget = ospiMapWidget(model, title: ""),
            let sector = widget.unit(atX: x, y: y, in: rect)
        else { return }
        model.cursor = FlashRegion.ospiBase + UInt32(sector) * map.geometry.sectorSize
        model.focus = .pages
    }
}
