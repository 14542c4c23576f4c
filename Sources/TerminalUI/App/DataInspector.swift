import FlashCore
import TerminalKit

/// The data inspector on the hex view's bottom edge: the bytes at the cursor read as
/// little-endian u8, u16, u32 and u64, as the Cortex-M33 loads them.
enum DataInspector {
    /// `u8 0x46 70 · u16 0x6C46 · u32 0x73616C46 · u64 0x…` for the bytes from `cursor`; the widths
    /// that would run past the end of `bytes` are left out.
    static func text(_ bytes: [UInt8], cursor: Int) -> String? {
        guard bytes.indices.contains(cursor) else { return nil }
        var parts = ["u8 0x\(digits(UInt64(bytes[cursor]), 1)) \(bytes[cursor])"]
        for size in [2, 4, 8] where cursor + size <= bytes.count {
            var value: UInt64 = 0
            for index in (0..<size).reversed() { value = value << 8 | UInt64(bytes[cursor + index]) }
            parts.append("u\(size * 8) 0x\(digits(value, size))")
        }
        return parts.joined(separator: " · ")
    }

    private static func digits(_ value: UInt64, _ size: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, size * 2 - text.count)) + text
    }

    /// Writes the inspector onto the bottom border of the hex panel at `rect`.
    static func render(_ bytes: [UInt8], cursor: Int, in rect: Rect, into buffer: inout ScreenBuffer) {
        guard rect.width > 6, rect.height >= 2, let text = text(bytes, cursor: cursor) else { return }
        let edge = Rect(x: rect.x + 1, y: rect.bottom - 1, width: rect.width - 2, height: 1)
        buffer.write(" \(text) ", atX: edge.x + 1, y: edge.y, role: .title, clip: edge)
    }
}
