extension Theme {
    /// The default colour theme; Themes/default.toml says the same in a file.
    package static let standard = Theme(
        name: "default",
        styles: [
            .normal: .plain,
            .dim: RoleStyle(attributes: .dim),
            .title: RoleStyle(foreground: .index(14), attributes: .bold),
            .border: RoleStyle(foreground: .brightBlack),
            .selection: RoleStyle(attributes: .reverse),
            .cursor: RoleStyle(foreground: .black, background: .yellow, attributes: .bold),
            .keyBar: RoleStyle(foreground: .white, background: .index(236)),
            .keyBarKey: RoleStyle(foreground: .black, background: .cyan, attributes: .bold),
            .error: RoleStyle(foreground: .index(9), attributes: .bold),
            .warning: RoleStyle(foreground: .index(208), attributes: .bold),
            .pending: RoleStyle(foreground: .yellow, attributes: .bold),
            .changed: RoleStyle(foreground: .index(11), attributes: [.bold, .underline]),
            .erased: RoleStyle(foreground: .brightBlack),
            .programmed: RoleStyle(foreground: .green),
            .partlyProgrammed: RoleStyle(foreground: .yellow),
            .writeProtected: RoleStyle(foreground: .red, attributes: .bold),
            .differs: RoleStyle(foreground: .index(13), attributes: .bold),
            .secure: RoleStyle(foreground: .index(12)),
            .hexZero: RoleStyle(foreground: .brightBlack),
            .hexPrintable: RoleStyle(foreground: .cyan),
            .hexWhitespace: RoleStyle(foreground: .green),
            .hexOther: RoleStyle(foreground: .magenta),
            .hexNonASCII: RoleStyle(foreground: .yellow),
            .hexErased: RoleStyle(foreground: .index(242)),
            .hexOffset: RoleStyle(foreground: .brightBlack),
        ])

    /// Attributes only, for NO_COLOR and terminals without colour;
    /// Themes/monochrome.toml says the same in a file.
    package static let monochrome = Theme(
        name: "monochrome",
        styles: [
            .normal: .plain,
            .dim: RoleStyle(attributes: .dim),
            .title: RoleStyle(attributes: .bold),
            .border: .plain,
            .selection: RoleStyle(attributes: .reverse),
            .cursor: RoleStyle(attributes: [.reverse, .bold]),
            .keyBar: RoleStyle(attributes: .reverse),
            .keyBarKey: RoleStyle(attributes: [.reverse, .bold]),
            .error: RoleStyle(attributes: [.bold, .underline]),
            .warning: RoleStyle(attributes: [.bold, .reverse]),
            .pending: RoleStyle(attributes: .bold),
            .changed: RoleStyle(attributes: [.bold, .underline]),
            .erased: RoleStyle(attributes: .dim),
            .programmed: RoleStyle(attributes: .bold),
            .partlyProgrammed: .plain,
            .writeProtected: RoleStyle(attributes: .underline),
            .differs: RoleStyle(attributes: .reverse),
            .secure: RoleStyle(attributes: [.bold, .underline]),
            .hexZero: RoleStyle(attributes: .dim),
            .hexPrintable: .plain,
            .hexWhitespace: .plain,
            .hexOther: .plain,
            .hexNonASCII: .plain,
            .hexErased: RoleStyle(attributes: .dim),
            .hexOffset: RoleStyle(attributes: .dim),
        ])
}
