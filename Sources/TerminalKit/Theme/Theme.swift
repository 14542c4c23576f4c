/// How one role looks: colours plus attributes.
package struct RoleStyle: Hashable, Sendable {
    package var foreground: Colour
    package var background: Colour
    package var attributes: TextAttributes

    package init(
        foreground: Colour = .terminalDefault, background: Colour = .terminalDefault,
        attributes: TextAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    package static let plain = RoleStyle()

    /// True when the style uses no colour at all.
    package var isColourless: Bool { foreground == .terminalDefault && background == .terminalDefault }
}

/// Maps every semantic role to a style (htop's role × scheme table).
package struct Theme: Hashable, Sendable {
    package var name: String
    private var styles: [Role: RoleStyle]

    /// Roles missing from `styles` look like `normal` (or plain if that is missing too).
    package init(name: String, styles: [Role: RoleStyle]) {
        self.name = name
        self.styles = styles
    }

    package func style(for role: Role) -> RoleStyle {
        styles[role] ?? styles[.normal] ?? .plain
    }

    /// True when no role uses a colour.
    package var isMonochrome: Bool { Role.allCases.allSatisfy { style(for: $0).isColourless } }
}
