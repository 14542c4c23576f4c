import FlashCore
import TerminalKit

/// `}` `{` and `)` `(`: to the start of the next or previous programmed or erased region.
extension App {
    static func jumpToRegion(_ model: inout AppModel, erased: Bool, forward: Bool) {
        // The hex view moves by bytes; the maps and the page index by pages (OCTOSPI sectors), as they show.
        let byBytes = model.focus == .hex
        let runs = FlashRuns.runs(of: model.shownMachine, byBytes: byBytes)
        let kind = erased ? "erased" : "programmed"
        guard let found = FlashRuns.next(erased: erased, from: model.cursor, in: runs, forward: forward) else {
            model.status = StatusMessage("no \(kind) region in the flash", isError: true)
            return
        }
        model.jumpedFrom = model.cursor
        model.cursor = found.run.start
        let last = hex(UInt32(truncatingIfNeeded: found.run.end - 1))
        let wrapped = found.wrapped ? (forward ? " (wrapped to the start)" : " (wrapped to the end)") : ""
        model.status = StatusMessage(
            "\(kind) \(hex(found.run.start))–\(last) (\(found.run.count) bytes)\(wrapped)")
    }
}
