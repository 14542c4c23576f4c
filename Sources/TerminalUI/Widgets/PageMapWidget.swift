import TerminalKit

/// A grid of flash pages (or sectors), one glyph per cell, zoomed so that
/// the whole device fits: each cell then stands for a power-of-two group.
/// With a fixed `zoom` the grid may be taller than the area: it then shows
/// the screenful of rows holding the cursor.
///
/// Rows start with the number of their first unit; cells come in groups of
/// eight; the legend at the bottom names each glyph and says how many units
/// a cell holds, wrapping onto a second line in narrow areas.
package struct PageMapWidget: Widget, Sendable {
    package var title: String
    package var states: [PageState]
    /// "page" or "sector"; the legend pluralises it with "s".
    package var unitName: String
    /// Index of the unit under the cursor.
    package var cursor: Int?
    /// False when several maps share one legend drawn elsewhere.
    package var showsLegend: Bool
    /// Units per cell (a power of two) instead of the zoom that fits every unit.
    package var zoom: Int?

    package init(
        title: String, states: [PageState], unitName: String = "page", cursor: Int? = nil,
        showsLegend: Bool = true, zoom: Int? = nil
    ) {
        self.title = title
        self.states = states
        self.unitName = unitName
        self.cursor = cursor
        self.showsLegend = showsLegend
        self.zoom = zoom
    }

    /// Where the grid goes for a given widget area, and how it is zoomed.
    package struct Geometry: Hashable, Sendable {
        package var grid: Rect
        package var labelWidth: Int
        package var columns: Int
        package var unitsPerCell: Int
        /// Rows shown, from `firstRow` (0 unless a fixed zoom makes the grid scroll).
        package var rows: Int
        package var firstRow: Int

        /// Screen x of cell column `column`.
        package func x(ofColumn column: Int) -> Int { grid.x + labelWidth + column + column / 8 }
    }

    /// The grid geometry for `area`, or nil when there is no room for a single cell.
    package func geometry(in area: Rect) -> Geometry? {
        let inner = area.inset(by: 1)
        guard !states.isEmpty, inner.width > 0 else { return nil }
        let labelWidth = String(max(states.count - 1, 0)).count + 1
        let room = inner.width - labelWidth
        let gridHeight = inner.height - (showsLegend ? legendLines(unitsPerCell: 1, width: inner.width).count : 0)
        guard room >= 1, gridHeight > 0 else { return nil }
        // A gap follows every eighth cell: c cells take c + (c - 1) / 8 columns.
        var columns = 1
        while columns * 2 + (columns * 2 - 1) / 8 <= room { columns *= 2 }
        var unitsPerCell = max(1, zoom ?? 1)
        if zoom == nil {
            while (states.count + unitsPerCell - 1) / unitsPerCell > columns * gridHeight { unitsPerCell *= 2 }
        }
        let cells = (states.count + unitsPerCell - 1) / unitsPerCell
        let allRows = (cells + columns - 1) / columns
        let rows = min(allRows, gridHeight)
        // Scrolls by whole screenfuls, so the rows shown depend only on the cursor.
        let cursorRow = cursor.map { min(states.count - 1, max(0, $0)) / unitsPerCell / columns } ?? 0
        let firstRow = min(max(0, allRows - rows), cursorRow / rows * rows)
        let grid = Rect(x: inner.x, y: inner.y, width: inner.width, height: gridHeight)
        return Geometry(
            grid: grid, labelWidth: labelWidth, columns: columns, unitsPerCell: unitsPerCell, rows: rows,
            firstRow: firstRow)
    }

    /// The legend entries flowed into lines of at most `width` columns; the
    /// zoom note comes last. Its length changes little with the zoom
    /// ("1 page" to "1 cell = 1024 pages"), so the line count is taken at
    /// zoom 1 with room for a four-digit factor.
    private func legendLines(unitsPerCell: Int, width: Int) -> [[(text: String, role: Role)]] {
        var tokens: [[(text: String, role: Role)]] = PageState.legend(for: states).map { state in
            [(String(state.glyph), state.role), (" " + state.legendName, .dim)]
        }
        let plural = unitsPerCell == 1 ? "" : "s"
        tokens.append([("1 cell = \(unitsPerCell) \(unitName)\(plural)", .normal)])
        let zoomRoom = 3 + "1 cell = 1024 \(unitName)s".count
        var lines: [[(text: String, role: Role)]] = [[]]
        var used = 0
        for (index, token) in tokens.enumerated() {
            let isZoom = index == tokens.count - 1
            let length = isZoom ? zoomRoom - 3 : token.reduce(0) { $0 + $1.text.count }
            let gap = used == 0 ? 0 : 3
            if used > 0, used + gap + (isZoom ? zoomRoom - 3 : length) > width {
                lines.append([])
                used = 0
            }
            if used > 0 { lines[lines.count - 1].append(("   ", .normal)) }
            lines[lines.count - 1].append(contentsOf: token)
            used += (used == 0 ? 0 : 3) + length
        }
        return lines
    }

    /// The first unit of the cell at screen position `x`,`y`, for mouse clicks.
    package func unit(atX x: Int, y: Int, in area: Rect) -> Int? {
        guard let g = geometry(in: area), y >= g.grid.y, y < g.grid.y + g.rows else { return nil }
        for column in 0..<g.columns where g.x(ofColumn: column) == x {
            let unit = ((g.firstRow + y - g.grid.y) * g.columns + column) * g.unitsPerCell
            return unit < states.count ? unit : nil
        }
        return nil
    }

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let inner = Frame(title: title).render(in: area, into: &buffer)
        guard !inner.isEmpty else { return }
        guard let g = geometry(in: area) else {
            buffer.write(states.isEmpty ? "no \(unitName)s" : "", atX: inner.x, y: inner.y, role: .dim, clip: inner)
            return
        }
        let cursorCell = cursor.map { $0 / g.unitsPerCell }
        for line in 0..<g.rows {
            let y = g.grid.y + line
            let row = g.firstRow + line
            let firstUnit = row * g.columns * g.unitsPerCell
            let label = String(firstUnit)
            buffer.write(label, atX: g.grid.x + g.labelWidth - 1 - label.count, y: y, role: .dim, clip: inner)
            for column in 0..<g.columns {
                let cell = row * g.columns + column
                let start = cell * g.unitsPerCell
                guard start < states.count else { break }
                let state = PageState.combined(states[start..<min(start + g.unitsPerCell, states.count)])
                let role = cell == cursorCell ? Role.cursor : state.role
                buffer.set(Cell(state.glyph, role: role), atX: g.x(ofColumn: column), y: y)
            }
        }
        if showsLegend { renderLegend(unitsPerCell: g.unitsPerCell, in: inner, into: &buffer) }
    }

    private func renderLegend(unitsPerCell: Int, in inner: Rect, into buffer: inout ScreenBuffer) {
        let lines = legendLines(unitsPerCell: unitsPerCell, width: inner.width)
        for (index, line) in lines.enumerated() {
            let y = inner.bottom - lines.count + index
            var x = inner.x
            for (text, role) in line {
                x = buffer.write(text, atX: x, y: y, role: role, clip: inner)
            }
        }
    }
}
