import ArgumentParser
import Attach
import DeviceStore
import FlashCore
import Foundation

extension AttachCommand {
    /// `--compare FILE`: the board against a device file (every area) or a firmware file (its bytes).
    func runCompare(_ path: String, _ session: AttachSession) throws {
        let snapshot = try session.snapshot(
            part: board.chosenPart, octoSPILength: octoSPILength.map { Int($0.value) })
        let other = try Self.deviceState(at: path)
        let equal: Bool
        if let other {
            let comparison = StateComparison(snapshot.state, other)
            equal = comparison.isEqual
            if options.json {
                JSONOutput.print(Self.json(comparison, board: session.address.description, file: path))
            } else {
                for line in Self.lines(comparison, board: session.address.description, file: path) { print(line) }
            }
        } else {
            firmware.noteIgnoredAddress(for: path)
            let image = try ImageFiles.open(path, format: firmware.format, address: firmware.address?.value)
            let comparison = try FlashEngine(machine: Machine(state: snapshot.state)).compare(with: image)
            equal = comparison.isEqual
            if options.json {
                JSONOutput.print(DiffCommand.json(comparison))
            } else {
                print("--- board \(session.address)")
                print("+++ \(path)")
                for range in comparison.ranges {
                    print(
                        "flash   \(hex(range.from))–\(hex(range.to))  \(range.count) byte\(range.count == 1 ? "" : "s")"
                    )
                }
            }
        }
        if !snapshot.unreadable.isEmpty { printError("attach: note: \(AttachSession.unreadableText(snapshot))") }
        if !equal { throw CommandFailure.silent(ExitStatus.verifyMismatch) }
    }

    /// The device file's state; nil for a file that is not a device file (a firmware file).
    private static func deviceState(at path: String) throws -> DeviceState? {
        let store: DeviceStore
        do {
            store = try DeviceStore.open(at: path, access: .read)
        } catch {
            if case .notADeviceFile = error { return nil }
            throw error
        }
        return try store.load()
    }

    /// diff's words: a header naming both sides, then one line per difference (board first).
    static func lines(_ comparison: StateComparison, board: String, file: String) -> [String] {
        var out = ["--- board \(board)", "+++ \(file)"]
        if let (left, right) = comparison.part { out.append("part    \(left) | \(right)") }
        for change in comparison.options {
            out.append(
                "option  \(change.field) \(OptionChange.display(change.before, change.field)) | "
                    + OptionChange.display(change.after, change.field))
        }
        for bytes in comparison.bytes {
            let range = bytes.range
            out.append(
                "\(bytes.area.padding(toLength: 7, withPad: " ", startingAt: 0)) \(hex(range.from))–\(hex(range.to))  "
                    + "\(range.count) byte\(range.count == 1 ? "" : "s")")
        }
        if let (left, right) = comparison.uid { out.append("uid     \(left) | \(right)") }
        return out
    }

    static func json(_ comparison: StateComparison, board: String, file: String) -> [String: Any] {
        [
            "board": board, "file": file, "equal": comparison.isEqual,
            "part": pair(comparison.part),
            "options": comparison.options.map {
                [
                    "field": $0.field, "board": OptionChange.display($0.before, $0.field),
                    "file": OptionChange.display($0.after, $0.field),
                ]
            },
            "ranges": comparison.bytes.map { ["area": $0.area, "range": JSONOutput.range($0.range)] as [String: Any] },
            "uid": pair(comparison.uid),
        ]
    }

    /// A board/file pair, or null when the two agree.
    private static func pair(_ values: (String, String)?) -> Any {
        guard let (board, file) = values else { return NSNull() }
        return ["board": board, "file": file]
    }
}
