/// What undo adds when it takes back a readout protection or TrustZone change: no real part
/// can (RDP level 2 is permanent; a regression erases the flash), so the message says what undo is.
package enum UndoNote {
    /// The note for undoing from `before` to `after`, or nil when protection did not change.
    package static func protection(before: DeviceState, after: DeviceState) -> String? {
        let levels = [before.effective, before.pending].map(\.readoutLevel)
        let changed =
            levels != [after.effective, after.pending].map(\.readoutLevel)
            || before.effective.trustZone != after.effective.trustZone
            || before.pending.trustZone != after.pending.trustZone
        guard changed else { return nil }
        let permanent = levels.contains(.level2) ? "; a real STM32L5 at RDP level 2 stays there for good" : ""
        return "undo is the simulator's time machine, not a silicon operation: it restored the readout protection "
            + "and TrustZone state from the journal\(permanent)"
    }
}
