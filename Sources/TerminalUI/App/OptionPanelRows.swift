import FlashCore
import TerminalKit

/// The option bytes panel's rows and the widths the layout asks of them, worked out once per set of
/// option bytes: their meanings are text, and the layout needs them for every frame.
///
/// Kept in the model and remade when the option bytes, the assumptions or the part change.
package struct OptionPanelRows {
    package let rows: [OptionByteRow]
    /// Columns the panel needs for its widest row or its title, frame included, without and with
    /// the meaning column.
    let width: Int
    let widthWithMeanings: Int
    private let key: Key

    /// What the rows are made from.
    private struct Key: Equatable {
        var part: String
        var effective: OptionBytes
        var pending: OptionBytes
        var assumptions: ModelAssumptions

        init(_ machine: Machine) {
            part = machine.part.name
            effective = machine.controller.effective
            pending = machine.controller.pending
            assumptions = machine.controller.assumptions
        }
    }

    init(machine: Machine) {
        let controller = machine.controller
        let pendingLayout = FlashLayout(
            part: machine.part, options: controller.pending, assumptions: controller.assumptions)
        let rows = App.optionFields.map {
            OptionByteRow(
                field: $0, effective: controller.effective, pending: controller.pending, layout: machine.layout,
                pendingLayout: pendingLayout)
        }
        func columns(meanings: Bool) -> Int {
            let content = OptionBytesPanelWidget.contentWidth(of: rows, meanings: meanings)
            return max(content, App.optionsPanelTitle.count + 2) + 4
        }
        self.rows = rows
        width = columns(meanings: false)
        widthWithMeanings = columns(meanings: true)
        key = Key(machine)
    }

    func isCurrent(for machine: Machine) -> Bool { key == Key(machine) }
}
