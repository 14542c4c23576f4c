/// How much of a split a segment takes.
package enum Constraint: Hashable, Sendable {
    /// Exactly this many cells (less if the space runs out).
    case fixed(Int)
    /// This percentage of the whole length, rounded down.
    case percentage(Int)
    /// A share of whatever fixed and percentage segments leave; the weight
    /// sets the ratio between several fills.
    case fill(Int = 1)
}

/// The direction in which a rectangle is split.
package enum Axis: Hashable, Sendable {
    /// Segments side by side, left to right.
    case horizontal
    /// Segments stacked, top to bottom.
    case vertical
}

extension Rect {
    /// Splits the rectangle along `axis`; the result has one rect per constraint.
    ///
    /// Fixed and percentage segments are served first in order and are cut
    /// short when space runs out; fill segments share the remainder by weight,
    /// the last fill taking any rounding leftover.
    package func split(_ axis: Axis, _ constraints: [Constraint]) -> [Rect] {
        let total = axis == .horizontal ? width : height
        var lengths = [Int](repeating: 0, count: constraints.count)
        var remaining = total
        for (index, constraint) in constraints.enumerated() {
            let wanted: Int
            switch constraint {
            case .fixed(let n): wanted = max(0, n)
            case .percentage(let p): wanted = total * min(max(p, 0), 100) / 100
            case .fill: continue
            }
            lengths[index] = min(wanted, remaining)
            remaining -= lengths[index]
        }
        let fills = constraints.enumerated().compactMap { index, constraint -> (Int, Int)? in
            if case .fill(let weight) = constraint { return (index, max(weight, 0)) }
            return nil
        }
        let totalWeight = fills.reduce(0) { $0 + $1.1 }
        if totalWeight > 0 {
            var left = remaining
            for (position, (index, weight)) in fills.enumerated() {
                let share = position == fills.count - 1 ? left : remaining * weight / totalWeight
                lengths[index] = share
                left -= share
            }
        }
        var offset = axis == .horizontal ? x : y
        return lengths.map { length in
            defer { offset += length }
            switch axis {
            case .horizontal: return Rect(x: offset, y: y, width: length, height: height)
            case .vertical: return Rect(x: x, y: offset, width: width, height: length)
            }
        }
    }
}
