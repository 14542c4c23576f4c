/// Decides from the environment whether colour may be used at all.
package enum ColourPolicy {
    /// False when `NO_COLOR` is set to a non-empty value (no-color.org) or
    /// `TERM` is `dumb`.
    package static func coloursAllowed(environment: [String: String]) -> Bool {
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// `theme`, or `Theme.monochrome` when the environment forbids colour. A theme asked for on
    /// the command line (`explicit`) beats `NO_COLOR`, as no-color.org says command-line arguments
    /// should; `TERM=dumb` still wins, since such a terminal has no colours to show.
    package static func effectiveTheme(_ theme: Theme, explicit: Bool = false, environment: [String: String]) -> Theme {
        if environment["TERM"] == "dumb" { return .monochrome }
        return explicit || coloursAllowed(environment: environment) ? theme : .monochrome
    }
}
