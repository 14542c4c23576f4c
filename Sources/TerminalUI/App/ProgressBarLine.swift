/// The progress of a long operation, drawn over the bottom line while the engine works
/// (operations run synchronously inside `App.update`, so no frame is drawn until they end).
package enum ProgressBarLine {
    /// The cells of the line, e.g. `program 0x90000000: ███████░░░░░  58% (9/16 sectors)`.
    package static func changes(title: String, done: Int, total: Int, width: Int, row: Int) -> [CellChange] {
        guard width > 0, row >= 0 else { return [] }
        let percent = total > 0 ? min(100, done * 100 / total) : 100
        let counts = " \(percent < 10 ? "  " : percent < 100 ? " " : "")\(percent)% (\(done)/\(total) sectors)"
        let label = String(title.prefix(max(0, width / 3))) + ": "
        let barWidth = max(0, width - label.count - counts.count)
        let filled = total > 0 ? barWidth * min(done, total) / total : barWidth
        let text =
            label + String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled) + counts
        return text.prefix(width).enumerated().map {
            CellChange(x: $0.offset, y: row, cell: Cell($0.element, role: .keyBar))
        }
            + (text.count < width
                ? (text.count..<width).map { CellChange(x: $0, y: row, cell: Cell(" ", role: .keyBar)) } : [])
    }
}

extension App {
    /// Installed by the runner to draw `ProgressBarLine` while an operation runs; nil in tests and
    /// without a terminal. Called from the engine's progress callback: (title, sectors done, sectors).
    nonisolated(unsafe) package static var progressHook: ((String, Int, Int) -> Void)?
}
