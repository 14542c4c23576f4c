import TerminalKit
import FlashCore

/// The page-index panel for a system-memory address (OTP, package, UID, flash size, DBGMCU):
/// what it is, where it lies and what software can do there.
package struct SystemIndexWidget: Widget {
    package var location: SystemLocation
    /// The word holding the address as the bus reads it now.
    package var value: UInt32?
    package var focused: Bool

    package init(location: SystemLocation, value: UInt32?, focused: Bool = false) {
        self.location = location
        self.value = value
        self.focused = focused
    }

    private static let labelWidth = 19

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let title = (focused ? "● " : "") + "Page index: \(hex(location.address)) (system memory)"
        let inner = Frame(title: title).render(in: area, into: &buffer)
        guard !inner.isEmpty else { return }
        let region = location.area
        var rows: [(String, String)] = [
            ("area", "\(region.rawValue) · \(hex(region.start))–\(hex(region.start + region.size - 1))"),
            ("offset", "\(location.offset) of \(region.size) bytes"),
        ]
        if let register = location.register { rows.append(("register", register)) }
        if let value { rows.append(("word", hex(value))) }
        if let doubleWord = location.doubleWord {
            rows.append(("double word", "\(hex(doubleWord))–\(hex(doubleWord + 7))"))
        }
        rows.append(("access", region.rules))
        rows.append(("E erases", region == .otp ? "nothing: OTP is never erased" : "nothing: not flash"))
        for (line, (label, text)) in rows.enumerated() where inner.y + line < inner.bottom {
            let x = buffer.write(
                label.padded(to: Self.labelWidth), atX: inner.x, y: inner.y + line, role: .dim, clip: inner)
            buffer.write(text, atX: x, y: inner.y + line, role: .normal, clip: inner)
        }
    }
}
