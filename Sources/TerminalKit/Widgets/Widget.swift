/// Something that draws itself into part of a screen buffer.
///
/// Widgets are values rebuilt each frame (ratatui's `Widget`); they clip to
/// `area`, never touch the terminal and must cope with any size, zero included.
package protocol Widget {
    func render(in area: Rect, into buffer: inout ScreenBuffer)
}
