/// Text attributes a terminal can show without colour.
package struct TextAttributes: OptionSet, Hashable, Sendable {
    package let rawValue: UInt8
    package init(rawValue: UInt8) { self.rawValue = rawValue }

    package static let bold = TextAttributes(rawValue: 1 << 0)
    package static let dim = TextAttributes(rawValue: 1 << 1)
    package static let reverse = TextAttributes(rawValue: 1 << 2)
    package static let underline = TextAttributes(rawValue: 1 << 3)

    /// Names as written in theme files, in a fixed order.
    package static let named: [(name: String, attribute: TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("reverse", .reverse), ("underline", .underline),
    ]

    package var names: [String] { Self.named.filter { contains($0.attribute) }.map(\.name) }
}
