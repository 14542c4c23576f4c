import FlashCore
import TerminalKit

/// Running a stepped operation forward to the access that matters (a 300 KB OCTOSPI program is
/// 159,322 single steps): the next start, the next algorithm call, the next error, or N accesses on.
extension StepSession {
    /// What `s`, `a` and `e` run to.
    package enum Landmark: Sendable, Equatable {
        /// A write that starts work: STRT (page, bank or mass erase), OPTSTRT, OBL_LAUNCH, or a NOR
        /// program or erase command (PP, 4PP, SE, SE4B, BE, BE4B, CE).
        case start
        /// An algorithm entry point called (Init, EraseSector, ProgramPage, UnInit, ...).
        case call
        /// An error flag, a bus fault, a rejected key, an OCTOSPI error flag or a refused NOR command.
        case error

        package var name: String {
            switch self {
            case .start: "start (STRT, OPTSTRT, NOR program or erase)"
            case .call: "algorithm call"
            case .error: "error"
            }
        }
    }

    /// NOR commands that change the array: the OCTOSPI counterpart of STRT.
    static let norStarts: Set<String> = ["PP", "4PP", "SE", "SE4B", "BE", "BE4B", "CE"]

    static func entry(_ entry: TraceEntry, is landmark: Landmark) -> Bool {
        entry.notes.contains { note in
            switch (landmark, note) {
            case (.start, .pageErase), (.start, .bankErase), (.start, .optionsProgrammed),
                (.start, .optionsLaunched):
                return true
            case (.start, .norCommand(let command)):
                return command.outcome == .accepted && norStarts.contains(command.commandName)
            case (.call, .call): return true
            case (.error, .flag), (.error, .busFault), (.error, .keyRejected), (.error, .ospiFlag): return true
            case (.error, .norCommand(let command)): return command.outcome != .accepted
            default: return false
            }
        }
    }

    /// The position (accesses replayed) that makes the next access matching `landmark` the current
    /// one, or nil when none is left.
    package func position(ofNext landmark: Landmark) -> Int? {
        let entries = replayer.entries
        guard position < entries.count else { return nil }
        return entries[position...].firstIndex { Self.entry($0, is: landmark) }.map { $0 + 1 }
    }
}

extension App {
    /// `s`, `a`, `e` in step mode: replay up to and including the next access of that kind.
    static func runTo(_ model: inout AppModel, _ landmark: StepSession.Landmark) {
        guard var session = model.stepping else { return }
        guard let target = session.position(ofNext: landmark) else {
            model.status = StatusMessage(
                "no \(landmark.name) after access \(session.position): c commits, x abandons", isError: true)
            return
        }
        let skipped = target - session.position
        session.seek(to: target)
        model.stepping = session
        model.status = StatusMessage("ran \(skipped) access\(skipped == 1 ? "" : "es") to the next \(landmark.name)")
    }

    /// `#` then a number: replay that many accesses (to the end at most).
    static func runAccesses(_ model: inout AppModel, _ count: Int) {
        guard var session = model.stepping else { return }
        session.seek(to: session.position + count)
        model.stepping = session
        model.status = StatusMessage(
            session.replayer.isFinished
                ? "end of the operation: c commits it, x abandons it" : "ran \(count) accesses, at \(session.position)")
    }
}
