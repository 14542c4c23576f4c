/// Decides from the environment whether colour may be used at all.
package enum ColourPolicy {
    /// False when `NO_COLOR` is set to a non-empty value (no-color.org) or
    /// `TERM` is `dumb`.
    package static func coloursAllowed(environment: [String: String]) -> Bool {
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// `theme`, or `Theme.monochrome` when the environment forbids colour.
    package static func effectiveTheme(_ theme: Theme, environment: [String: String]) -> Theme {
        coloursAllowed(environment: environment) ? theme : .monochrome
    }
}
