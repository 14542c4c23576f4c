/// Adjacent cells on one row with the same role: the unit a backend writes.
package struct TextRun: Hashable, Sendable {
    package var x: Int
    package var y: Int
    package var role: Role
    package var text: String

    package init(x: Int, y: Int, role: Role, text: String) {
        self.x = x
        self.y = y
        self.role = role
        self.text = text
    }

    /// Joins row-major changes into runs, so a backend sets attributes and
    /// moves the cursor once per run rather than once per cell.
    package static func runs(of changes: [CellChange]) -> [TextRun] {
        var runs: [TextRun] = []
        var width = 0
        for change in changes {
            if var last = runs.last, last.y == change.y, last.role == change.cell.role,
                last.x + width == change.x
            {
                last.text.append(change.cell.character)
                runs[runs.count - 1] = last
                width += 1
            } else {
                runs.append(
                    TextRun(
                        x: change.x, y: change.y, role: change.cell.role,
                        text: String(change.cell.character)))
                width = 1
            }
        }
        return runs
    }
}

extension ScreenBuffer {
    /// A readable dump of role runs per row, for style snapshots:
    /// `row 3: title 0-11, normal 12-79`. Rows that are all `normal` are left out.
    package var styleDump: [String] {
        (0..<height).compactMap { y in
            var parts: [String] = []
            var start = 0
            let cells = Array(row(y))
            for x in 0..<cells.count where x == cells.count - 1 || cells[x + 1].role != cells[x].role {
                parts.append("\(cells[x].role.rawValue) \(start)-\(x)")
                start = x + 1
            }
            if cells.allSatisfy({ $0.role == .normal }) { return nil }
            return "row \(y): " + parts.joined(separator: ", ")
        }
    }
}
