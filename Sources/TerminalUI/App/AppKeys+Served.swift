import TerminalKit

/// The key tables while the UI serves the chip to a debug client: looking around, and holding the client.
extension AppKeys {
    /// Keys of the normal table that never change the device, and the hold key.
    package static let served: KeyTable<AppAction> = table(
        [
            KeyBinding(
                [.char("t")], label: "Hold",
                help: "Hold the served client at each flash-controller access, or let it run", action: .toggleClientHold
            )
        ] + normal.bindings.filter { lookingAround.contains($0.action) })

    /// Keys while a served client waits at a held access.
    package static let clientHeld: KeyTable<AppAction> = table(
        [
            KeyBinding(
                [.char("n"), .char(" ")], label: "Next", help: "Let the held client make this access and hold the next",
                action: .stepClient),
            KeyBinding(
                [.char("c")], label: "Continue", help: "Let the client run: stop holding it", action: .continueClient),
        ] + normal.bindings.filter { lookingAround.contains($0.action) && $0.action != .nextMatch })

    /// What a served device still lets the user do: move, find, look at the log, leave.
    static let lookingAround: Set<AppAction> = [
        .help, .quit, .logViewer, .nextPane, .previousPane, .up, .down, .left, .right, .pageUp, .pageDown, .home,
        .end, .last, .zoomIn, .zoomOut, .switchFlash, .goTo, .search, .nextMatch, .previousMatch,
        .nextProgrammed, .previousProgrammed, .nextErased, .previousErased, .setMark, .jumpToMark,
        .nextDifference, .previousDifference, .saveRange, .verify, .diffView,
    ]
}
