/// Scroll arithmetic for lists and dumps whose state the app owns
/// (ratatui's `ListState`): the widget clamps, the app keeps the offset.
package enum Scroll {
    /// The smallest change to `top` that brings `row` into a window of
    /// `visible` rows, within `0...max(0, total - visible)`.
    package static func keepingVisible(row: Int, top: Int, visible: Int, total: Int) -> Int {
        guard visible > 0 else { return max(0, min(row, total - 1)) }
        var newTop = top
        if row < newTop { newTop = row }
        if row >= newTop + visible { newTop = row - visible + 1 }
        return max(0, min(newTop, total - visible))
    }
}
