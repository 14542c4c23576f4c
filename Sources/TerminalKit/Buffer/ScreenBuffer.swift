/// A cell that differs between two buffers, as the backend must write it.
package struct CellChange: Hashable, Sendable {
    package var x: Int
    package var y: Int
    package var cell: Cell

    package init(x: Int, y: Int, cell: Cell) {
        self.x = x
        self.y = y
        self.cell = cell
    }
}

/// An in-memory screen: `width`×`height` cells that widgets render into.
///
/// Every write is clipped to the buffer, so widgets never need to check
/// bounds themselves and out-of-range coordinates are ignored.
package struct ScreenBuffer: Hashable, Sendable {
    package private(set) var size: Size
    private var cells: [Cell]

    package init(size: Size, filling cell: Cell = .blank) {
        self.size = size
        cells = Array(repeating: cell, count: size.width * size.height)
    }

    package init(width: Int, height: Int) {
        self.init(size: Size(width: width, height: height))
    }

    package var width: Int { size.width }
    package var height: Int { size.height }
    package var area: Rect { Rect(origin: 0, 0, size: size) }

    /// The cell at `x`,`y`, or nil outside the buffer.
    package func cell(atX x: Int, y: Int) -> Cell? {
        guard area.contains(x: x, y: y) else { return nil }
        return cells[y * width + x]
    }

    /// Sets one cell; ignored outside the buffer.
    package mutating func set(_ cell: Cell, atX x: Int, y: Int) {
        guard area.contains(x: x, y: y) else { return }
        cells[y * width + x] = Cell(cell.character.cellSafe, role: cell.role)
    }

    /// Writes `string` from `x`,`y` rightwards, clipped to `clip` and the buffer.
    ///
    /// - Returns: the column after the last character written (or that would
    ///   have been written had there been room), so writes can be chained.
    @discardableResult
    package mutating func write(
        _ string: String, atX x: Int, y: Int, role: Role = .normal, clip: Rect? = nil
    ) -> Int {
        let bounds = clip.map { $0.intersection(area) } ?? area
        var column = x
        for character in string {
            if bounds.contains(x: column, y: y) {
                cells[y * width + column] = Cell(character.cellSafe, role: role)
            }
            column += 1
        }
        return column
    }

    /// Fills `rect` (clipped) with `cell`.
    package mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let clipped = rect.intersection(area)
        let safe = Cell(cell.character.cellSafe, role: cell.role)
        for y in clipped.top..<clipped.bottom {
            for x in clipped.left..<clipped.right { cells[y * width + x] = safe }
        }
    }

    /// Changes the role of every cell in `rect` (clipped), keeping characters.
    package mutating func setRole(_ role: Role, in rect: Rect) {
        let clipped = rect.intersection(area)
        for y in clipped.top..<clipped.bottom {
            for x in clipped.left..<clipped.right { cells[y * width + x].role = role }
        }
    }

    /// Resizes to `size`, keeping the overlapping top-left cells.
    package mutating func resize(to newSize: Size) {
        guard newSize != size else { return }
        var resized = ScreenBuffer(size: newSize)
        let overlap = area.intersection(resized.area)
        for y in overlap.top..<overlap.bottom {
            for x in overlap.left..<overlap.right {
                resized.cells[y * newSize.width + x] = cells[y * width + x]
            }
        }
        self = resized
    }

    /// The rows as plain text, for snapshots and assertions.
    package var lines: [String] {
        (0..<height).map { y in String(cells[(y * width)..<((y + 1) * width)].map(\.character)) }
    }

    /// The cells of row `y`.
    package func row(_ y: Int) -> ArraySlice<Cell> {
        guard y >= 0, y < height else { return [] }
        return cells[(y * width)..<((y + 1) * width)]
    }

    /// The cells that must be written to turn `previous` into this buffer,
    /// in row-major order; every cell when the sizes differ.
    package func diff(from previous: ScreenBuffer) -> [CellChange] {
        var changes: [CellChange] = []
        let sameSize = previous.size == size
        for y in 0..<height {
            for x in 0..<width {
                let cell = cells[y * width + x]
                if !sameSize || previous.cells[y * width + x] != cell {
                    changes.append(CellChange(x: x, y: y, cell: cell))
                }
            }
        }
        return changes
    }

    /// Applies changes (as a backend would), ignoring any outside the buffer.
    package mutating func apply(_ changes: [CellChange]) {
        for change in changes { set(change.cell, atX: change.x, y: change.y) }
    }
}
