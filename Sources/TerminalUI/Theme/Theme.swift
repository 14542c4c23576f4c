/// How one role looks: colours plus attributes.
public struct RoleStyle: Hashable, Sendable {
    public var foreground: Colour
    public var background: Colour
    public var attributes: TextAttributes

    public init(
        foreground: Colour = .terminalDefault, background: Colour = .terminalDefault,
        attributes: TextAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = RoleStyle()

    /// True when the style uses no colour at all.
    public var isColourless: Bool { foreground == .terminalDefault && background == .terminalDefault }
}

/// Maps every semantic role to a style (htop's role × scheme table).
public struct Theme: Hashable, Sendable {
    public var name: String
    private var styles: [Role: RoleStyle]

    /// Roles missing from `styles` look like `normal` (or plain if that is missing too).
    public init(name: String, styles: [Role: RoleStyle]) {
        self.name = name
        self.styles = styles
    }

    public func style(for role: Role) -> RoleStyle {
        styles[role] ?? styles[.normal] ?? .plain
    }

    /// True when no role uses a colour.
    public var isMonochrome: Bool { Role.allCases.allSatisfy { style(for: $0).isColourless } }
}
