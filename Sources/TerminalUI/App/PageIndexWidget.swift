import FlashCore
import TerminalKit

/// The page-index panel: an address's location now and after OBL_LAUNCH, and what each
/// algorithm would send (PNB/BKER) and really erase. Values that launching would change
/// are in the `pending` role; an erase that misses the address is in the `error` role.
package struct PageIndexWidget: Widget {
    package var report: PageIndexReport
    package var focused: Bool

    package init(report: PageIndexReport, focused: Bool = false) {
        self.report = report
        self.focused = focused
    }

    private static let labelWidth = 19

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let title = (focused ? "● " : "") + "Page index: \(hex(report.address))"
        let inner = Frame(title: title).render(in: area, into: &buffer)
        guard !inner.isEmpty else { return }
        let columnWidth = max(1, (inner.width - Self.labelWidth) / 2)
        var y = inner.y
        func row(
            _ label: String, _ now: String, _ after: String, nowRole: Role = .normal, afterRole: Role? = nil,
            labelRole: Role = .dim
        ) {
            guard y < inner.bottom else { return }
            var x = buffer.write(label.padded(to: Self.labelWidth), atX: inner.x, y: y, role: labelRole, clip: inner)
            x = buffer.write(now.padded(to: columnWidth - 1), atX: x, y: y, role: nowRole, clip: inner) + 1
            let changed = now != after
            buffer.write(
                after.truncated(to: columnWidth), atX: x, y: y,
                role: afterRole ?? (changed ? .pending : .normal), clip: inner)
            y += 1
        }
        let now = report.now, after = report.afterLaunch
        row(
            "", "now: " + Self.modes(now), "after L: " + Self.modes(after), nowRole: .title,
            afterRole: report.launchChangesLayout ? .pending : .title)
        let fields: [(String, (FlashLocation) -> String)] = [
            ("bank", { String($0.bank) }),
            ("physical bank", { String($0.physicalBank) }),
            ("PNB", { String($0.pnb) }),
            ("BKER", { String($0.bker) }),
            ("page size", { "\($0.pageSize / 1024) KiB" }),
            ("page start", { hex($0.pageAddress) }),
        ]
        for (label, value) in fields {
            row(
                label, now.location.map(value) ?? (now.whyNotInFlash ?? "-"),
                after.location.map(value) ?? (after.whyNotInFlash ?? "-"))
        }
        row("erase via", now.security?.shortRoute ?? "-", after.security?.shortRoute ?? "-")
        for (nowOutcome, afterOutcome) in zip(now.algorithms, after.algorithms) {
            // A miss is in red; otherwise an outcome that launching changes is marked pending.
            row(
                nowOutcome.name, Self.text(nowOutcome), Self.text(afterOutcome),
                nowRole: Self.misses(nowOutcome) ? .error : .normal,
                afterRole: Self.misses(afterOutcome) ? .error : nil, labelRole: .title)
        }
    }

    private static func modes(_ column: PageIndexReport.Column) -> String {
        "DBANK=\(column.dualBank ? 1 : 0) SWAP_BANK=\(column.swapBank ? 1 : 0)"
    }

    /// `PNB 1 BKER 1 → 0x08040800` (the first page erased), or the error it raised.
    static func text(_ outcome: PageIndexReport.AlgorithmOutcome) -> String {
        var text = outcome.pnb.map { "PNB \($0) BKER \(outcome.bker ?? 0) → " } ?? ""
        if let first = outcome.erased.first {
            text += hex(first.from)
            if outcome.erased.count > 1 { text += " +\(outcome.erased.count - 1)" }
        } else {
            text += outcome.errors.first ?? "nothing erased"
        }
        return text
    }

    private static func misses(_ outcome: PageIndexReport.AlgorithmOutcome) -> Bool {
        outcome.missesAddress || !outcome.errors.isEmpty
    }
}
