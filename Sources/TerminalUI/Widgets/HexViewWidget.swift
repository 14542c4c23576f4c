import FlashCore
import TerminalKit

/// Hex dump rows: address, bytes in hex, then the bytes as characters,
/// with each byte class in its own role, as hexyl colours them.
///
/// `AAAAAAAA  XX XX XX XX XX XX XX XX  XX XX XX XX XX XX XX XX │................│`
/// Rows hold 32 bytes in a wide area, and drop to 8, 4, 2 or 1 bytes when it is too narrow.
package struct HexViewWidget: Widget, Sendable {
    package var title: String
    package var bytes: [UInt8]
    /// Address of `bytes[0]`.
    package var baseAddress: UInt32
    /// First row shown; clamped so the view never scrolls past the end.
    package var topRow: Int
    /// Index into `bytes` of the byte under the cursor.
    package var cursor: Int?
    /// Indices into `bytes` shown in the `changed` role (pending edits, differences).
    package var changed: Set<Int>

    package init(
        title: String, bytes: [UInt8], baseAddress: UInt32 = 0, topRow: Int = 0,
        cursor: Int? = nil, changed: Set<Int> = []
    ) {
        self.title = title
        self.bytes = bytes
        self.baseAddress = baseAddress
        self.topRow = topRow
        self.cursor = cursor
        self.changed = changed
    }

    /// The role of a byte: zero, printable ASCII, ASCII whitespace, other
    /// ASCII, non-ASCII, or 0xFF (erased flash).
    package static func role(of byte: UInt8) -> Role {
        switch byte {
        case 0x00: return .hexZero
        case 0xFF: return .hexErased
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20: return .hexWhitespace
        case 0x21...0x7E: return .hexPrintable
        case 0x01...0x7F: return .hexOther
        default: return .hexNonASCII
        }
    }

    /// The character column's glyph: the character itself when printable,
    /// otherwise a class mark (`⋄` NUL, as hexyl marks it, so it never reads as the digit `0`
    /// without colour; `_` whitespace, `•` other ASCII, `×` non-ASCII, `·` erased).
    package static func glyph(of byte: UInt8) -> Character {
        switch role(of: byte) {
        case .hexZero: return "⋄"
        case .hexErased: return "·"
        case .hexWhitespace: return "_"
        case .hexPrintable: return Character(Unicode.Scalar(byte))
        case .hexOther: return "•"
        default: return "×"
        }
    }

    /// Columns a row of `count` bytes takes.
    package static func rowWidth(bytesPerRow count: Int) -> Int {
        10 + count * 3 + (count - 1) / 8 + count + 2
    }

    /// The most bytes per row (32, 16, 8, 4, 2 or 1) that fit `width` columns.
    package static func bytesPerRow(fitting width: Int) -> Int {
        [32, 16, 8, 4, 2].first { rowWidth(bytesPerRow: $0) <= width } ?? 1
    }

    /// `topRow` limited to the rows that exist, for a view `visibleRows` tall.
    package func clampedTopRow(bytesPerRow: Int, visibleRows: Int) -> Int {
        let rows = (bytes.count + bytesPerRow - 1) / bytesPerRow
        return max(0, min(topRow, rows - visibleRows))
    }

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let inner = Frame(title: title).render(in: area, into: &buffer)
        guard !inner.isEmpty else { return }
        let perRow = Self.bytesPerRow(fitting: inner.width)
        let top = clampedTopRow(bytesPerRow: perRow, visibleRows: inner.height)
        for line in 0..<inner.height {
            let first = (top + line) * perRow
            guard first < bytes.count else { break }
            renderRow(
                first: first, count: min(perRow, bytes.count - first), perRow: perRow,
                y: inner.y + line, clip: inner, into: &buffer)
        }
    }

    private func renderRow(first: Int, count: Int, perRow: Int, y: Int, clip: Rect, into buffer: inout ScreenBuffer) {
        let address = baseAddress &+ UInt32(truncatingIfNeeded: first)
        let offsetText = String(hex(address).dropFirst(2))
        var x = buffer.write(offsetText, atX: clip.x, y: y, role: .hexOffset, clip: clip) + 2
        let asciiX = clip.x + 10 + perRow * 3 + (perRow - 1) / 8
        buffer.write("│", atX: asciiX, y: y, role: .border, clip: clip)
        buffer.write("│", atX: asciiX + 1 + perRow, y: y, role: .border, clip: clip)
        // Cell by cell rather than through strings: a wide view shows over a thousand bytes a frame.
        func put(_ character: Character, atX x: Int, role: Role) {
            if clip.contains(x: x, y: y) { buffer.set(Cell(character, role: role), atX: x, y: y) }
        }
        for i in 0..<count {
            let index = first + i
            let byte = bytes[index]
            var role = Self.role(of: byte)
            if !changed.isEmpty, changed.contains(index) { role = .changed }
            if index == cursor { role = .cursor }
            put(Self.hexDigits[Int(byte >> 4)], atX: x, role: role)
            put(Self.hexDigits[Int(byte & 0xF)], atX: x + 1, role: role)
            x += 3
            if i % 8 == 7 { x += 1 }
            put(Self.glyph(of: byte), atX: asciiX + 1 + i, role: role)
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF")
}

extension HexViewWidget {
    /// Bytes per row and rows shown when rendered into `area`, so the app
    /// can page and keep the cursor in view.
    package static func capacity(in area: Rect) -> (bytesPerRow: Int, rows: Int) {
        let inner = area.inset(by: 1)
        return (bytesPerRow(fitting: inner.width), inner.height)
    }
}
