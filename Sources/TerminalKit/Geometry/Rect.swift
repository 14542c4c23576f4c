/// A width and height in terminal cells.
package struct Size: Hashable, Sendable, CustomStringConvertible {
    package var width: Int
    package var height: Int

    package init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    package static let zero = Size(width: 0, height: 0)

    /// True when both dimensions are at least those of `other`.
    package func covers(_ other: Size) -> Bool {
        width >= other.width && height >= other.height
    }

    package var description: String { "\(width)x\(height)" }
}

/// A rectangle of cells; `x`/`y` is the top-left corner, zero-based.
package struct Rect: Hashable, Sendable, CustomStringConvertible {
    package var x: Int
    package var y: Int
    package var width: Int
    package var height: Int

    /// Negative sizes are clamped to zero so layout arithmetic never traps.
    package init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    package init(origin x: Int = 0, _ y: Int = 0, size: Size) {
        self.init(x: x, y: y, width: size.width, height: size.height)
    }

    package static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    package var size: Size { Size(width: width, height: height) }
    package var isEmpty: Bool { width == 0 || height == 0 }
    package var area: Int { width * height }
    package var left: Int { x }
    package var top: Int { y }
    /// One past the last column.
    package var right: Int { x + width }
    /// One past the last row.
    package var bottom: Int { y + height }

    package func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < right && py >= y && py < bottom
    }

    /// The overlap of two rectangles (empty, anchored at `self`, when none).
    package func intersection(_ other: Rect) -> Rect {
        let nx = max(x, other.x)
        let ny = max(y, other.y)
        let nr = min(right, other.right)
        let nb = min(bottom, other.bottom)
        guard nr > nx, nb > ny else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: nx, y: ny, width: nr - nx, height: nb - ny)
    }

    /// The rectangle shrunk by `margin` on every side.
    package func inset(by margin: Int) -> Rect {
        inset(horizontal: margin, vertical: margin)
    }

    package func inset(horizontal: Int, vertical: Int) -> Rect {
        Rect(
            x: x + min(horizontal, width / 2), y: y + min(vertical, height / 2),
            width: width - 2 * horizontal, height: height - 2 * vertical)
    }

    /// A rectangle of at most `size`, centred in this one.
    package func centred(_ size: Size) -> Rect {
        let w = min(size.width, width)
        let h = min(size.height, height)
        return Rect(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
    }

    /// The single row `row` (relative to the top) or an empty rect past the end.
    package func row(_ row: Int) -> Rect {
        guard row >= 0, row < height else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: x, y: y + row, width: width, height: 1)
    }

    package var description: String { "\(width)x\(height)@\(x),\(y)" }
}
