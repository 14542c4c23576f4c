import TerminalKit

/// The key tables while the UI shows a real board (`tui --attach`): looking around and reading
/// again; with `--live`, the operations that run on the chip.
extension AppKeys {
    private static let refresh = KeyBinding<AppAction>(
        [.char("R")], label: "Re-read",
        help: "Read the board again: its option registers, then what is in view, then the rest", action: .refreshBoard)

    /// Keys of the normal table that never change the device, and the refresh key.
    package static let attached: KeyTable<AppAction> = table(
        [refresh] + normal.bindings.filter { lookingAround.contains($0.action) })

    /// With `--live`: also the page erase, program and option changes, which run on the chip.
    package static let attachedLive: KeyTable<AppAction> = table(
        [refresh] + normal.bindings.filter { lookingAround.union(onChip).contains($0.action) })

    /// What `--live` runs on the chip: the operations `attach --live` runs.
    private static let onChip: Set<AppAction> = [
        .erasePage, .program, .edit, .toggleDualBank, .toggleSwapBank, .launch,
    ]
}
