import FlashCore
import TerminalKit

/// The diff view (`d`): the loaded file beside the flash, byte for byte, only around the ranges
/// that differ, the differing bytes in the `differs` role; `]`/`[` move between the ranges.
package struct DiffView: Equatable, Sendable {
    package var fileName: String
    /// Every run of differing addresses, in address order.
    package var ranges: [AddressRange]
    package var bytesCompared: Int
    /// First line shown.
    package var top = 0

    /// Rows shown of one range; the rest is summed up in a line.
    static let rowsPerRange = 32

    /// One line of the view: a range's heading, a row of bytes, or what a long range leaves out.
    enum Line: Equatable {
        case heading(range: Int)
        case row(start: UInt32, range: Int)
        case more(bytes: Int, range: Int)
    }

    /// Bytes a row at `width`: 16 when both columns of 16 fit, else 8.
    static func bytesPerRow(width: Int) -> Int { width >= rowWidth(16) ? 16 : 8 }

    private static func rowWidth(_ bytes: Int) -> Int { 10 + 6 + bytes * 3 + 2 + 7 + bytes * 3 }

    /// The lines, from the ranges alone (no byte is read until a row is drawn).
    func lines(bytesPerRow: Int) -> [Line] {
        var lines: [Line] = []
        let step = UInt32(bytesPerRow)
        for (index, range) in ranges.enumerated() {
            lines.append(.heading(range: index))
            let first = range.from - range.from % step
            let rows = Int((range.to - first) / step) + 1
            for row in 0..<min(rows, Self.rowsPerRange) {
                lines.append(.row(start: first + UInt32(row) * step, range: index))
            }
            if rows > Self.rowsPerRange {
                let shownEnd = UInt64(first) + UInt64(Self.rowsPerRange) * UInt64(step)
                lines.append(.more(bytes: Int(UInt64(range.to) + 1 - shownEnd), range: index))
            }
        }
        return lines
    }
}

extension App {
    /// The comparison `d` started found differences: open the view on them.
    static func openDiffView(_ model: inout AppModel, _ comparison: ImageComparison, file: LoadedFile) {
        var view = DiffView(fileName: file.name, ranges: comparison.ranges, bytesCompared: comparison.bytesCompared)
        // Open at the range the cursor is in or the next one.
        let lines = view.lines(bytesPerRow: DiffView.bytesPerRow(width: logViewerRect(model.size).width - 2))
        let range = comparison.ranges.firstIndex { $0.to >= model.cursor } ?? 0
        view.top = lines.firstIndex(of: .heading(range: range)) ?? 0
        model.diffView = view
    }

    /// Keys while the diff view is open: scroll, `]`/`[` between ranges, Enter goes to one, Esc closes.
    static func handleDiffViewKey(_ model: inout AppModel, _ key: Key) -> [AppEffect] {
        guard var view = model.diffView else { return [] }
        let inner = logViewerRect(model.size).inset(by: 1)
        let lines = view.lines(bytesPerRow: DiffView.bytesPerRow(width: inner.width))
        let visible = max(1, inner.height)
        let last = max(0, lines.count - visible)
        let headings = lines.indices.filter { if case .heading = lines[$0] { true } else { false } }
        switch key {
        case .escape, .char("d"):
            model.diffView = nil
            return []
        case .char("q"): return perform(&model, .quit)
        case .up, .char("k"): view.top = max(0, view.top - 1)
        case .down, .char("j"): view.top = min(last, view.top + 1)
        case .pageUp: view.top = max(0, view.top - visible)
        case .pageDown: view.top = min(last, view.top + visible)
        case .home: view.top = 0
        case .end: view.top = last
        case .char("]"): view.top = headings.first { $0 > view.top } ?? view.top
        case .char("["): view.top = headings.last { $0 < view.top } ?? view.top
        case .enter:
            // To the range the top line belongs to: the cursor lands on its first byte.
            let index: Int
            switch lines.indices.contains(view.top) ? lines[view.top] : .heading(range: 0) {
            case .heading(let range), .row(_, let range), .more(_, let range): index = range
            }
            model.cursor = view.ranges[index].from
            model.diffView = nil
            return []
        default: break
        }
        model.diffView = view
        return []
    }

    static func renderDiffView(_ model: AppModel, _ view: DiffView, into buffer: inout ScreenBuffer) {
        let box = logViewerRect(buffer.size)
        let differing = view.ranges.reduce(0) { $0 + Int($1.to - $1.from) + 1 }
        let title =
            "Diff: \(view.fileName) against the flash · \(differing) of \(view.bytesCompared) bytes differ in "
            + "\(view.ranges.count) range\(view.ranges.count == 1 ? "" : "s") · ] [ ranges, Enter goes there, Esc closes"
        let inner = Frame(title: title).render(in: box, into: &buffer)
        guard !inner.isEmpty else { return }
        let perRow = DiffView.bytesPerRow(width: inner.width)
        let lines = view.lines(bytesPerRow: perRow)
        let engine = FlashEngine(machine: model.shownMachine)
        let image = model.loadedFile?.image
        for (offset, line) in lines.dropFirst(view.top).prefix(inner.height).enumerated() {
            let y = inner.y + offset
            switch line {
            case .heading(let index):
                let range = view.ranges[index]
                let count = Int(range.to - range.from) + 1
                let place = count == 1 ? hex(range.from) : "\(hex(range.from))–\(hex(range.to))"
                buffer.write(
                    "\(place): \(count) byte\(count == 1 ? " differs" : "s differ")", atX: inner.x, y: y, role: .title,
                    clip: inner)
            case .more(let bytes, _):
                buffer.write("  … \(bytes) more bytes of this range", atX: inner.x, y: y, role: .dim, clip: inner)
            case .row(let start, _):
                let flash = (try? engine.read(from: start, count: perRow, asContents: true)) ?? []
                var x = buffer.write(hex(start) + "  file ", atX: inner.x, y: y, role: .hexOffset, clip: inner)
                var cells: [(file: UInt8?, flash: UInt8?)] = []
                for index in 0..<perRow {
                    cells.append(
                        (image?.byte(at: start &+ UInt32(index)), flash.indices.contains(index) ? flash[index] : nil))
                }
                for cell in cells {
                    let differs = cell.file != nil && cell.file != cell.flash
                    x = buffer.write(
                        Self.byteText(cell.file) + " ", atX: x, y: y, role: differs ? .differs : .normal, clip: inner)
                }
                x = buffer.write(" flash ", atX: x + 1, y: y, role: .hexOffset, clip: inner)
                for cell in cells {
                    let differs = cell.file != nil && cell.file != cell.flash
                    x = buffer.write(
                        Self.byteText(cell.flash) + " ", atX: x, y: y, role: differs ? .differs : .dim, clip: inner)
                }
            }
        }
    }

    /// Two hex digits, or `··` where the file holds no byte (or the flash cannot be read).
    private static func byteText(_ byte: UInt8?) -> String {
        guard let byte else { return "··" }
        return (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }
}
