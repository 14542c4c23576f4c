/// Numbers as users type them, on the command line and at the terminal UI's prompts:
/// `0x` hex, decimal, `K`/`M` suffixes, `_` separators.
package enum NumberText {
    package static func parse(_ text: String) -> UInt32? {
        var body = text.trimmingWhitespace.replacingUnderscores
        var scale: UInt64 = 1
        if let last = body.last, "kKmM".contains(last), !body.lowercased().hasPrefix("0x") {
            scale = "kK".contains(last) ? 1024 : 1024 * 1024
            body.removeLast()
        }
        let value: UInt64?
        if body.lowercased().hasPrefix("0x") {
            value = UInt64(body.dropFirst(2), radix: 16)
        } else {
            value = UInt64(body, radix: 10)
        }
        guard let value, value.multipliedReportingOverflow(by: scale).overflow == false else { return nil }
        return UInt32(exactly: value * scale)
    }
}

extension String {
    package var trimmingWhitespace: String {
        // Found from each end rather than by reversing copies: option meanings are trimmed on every model change.
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }

    fileprivate var replacingUnderscores: String { String(filter { $0 != "_" }) }
}
