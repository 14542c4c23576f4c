import TerminalKit

/// What one page (or sector) of flash holds, as the page map shows it.
package enum PageState: Hashable, Sendable, CaseIterable {
    case erased
    case programmed
    /// Some bytes programmed, some still erased (or, for a zoomed cell, a mix
    /// of erased and programmed pages).
    case partlyProgrammed
    case writeProtected
    /// Contents differ from the file being compared.
    case differs
    case secure
    /// In a secure hide area closed by HDPx_ACCDIS: nothing reaches it until a reset.
    case hidden
    /// An attached board's page not read yet: its bytes are not known.
    case notRead
    /// An attached board's page the board refused to read (readout protection).
    case unreadable

    package var role: Role {
        switch self {
        case .erased: return .erased
        case .programmed: return .programmed
        case .partlyProgrammed: return .partlyProgrammed
        case .writeProtected: return .writeProtected
        case .differs: return .differs
        case .secure, .hidden: return .secure
        case .notRead: return .dim
        case .unreadable: return .error
        }
    }

    /// A glyph per state, so the map reads without colour too.
    package var glyph: Character {
        switch self {
        case .erased: return "·"
        case .programmed: return "█"
        case .partlyProgrammed: return "▒"
        case .writeProtected: return "W"
        case .differs: return "≠"
        case .secure: return "S"
        case .hidden: return "H"
        case .notRead: return "?"
        case .unreadable: return "X"
        }
    }

    package var legendName: String {
        switch self {
        case .erased: return "erased"
        case .programmed: return "programmed"
        case .partlyProgrammed: return "partly"
        case .writeProtected: return "protected"
        case .differs: return "differs"
        case .secure: return "secure"
        case .hidden: return "hidden"
        case .notRead: return "not read"
        case .unreadable: return "unreadable"
        }
    }

    /// The state of a zoomed cell covering several units.
    ///
    /// What most needs attention wins: unreadable, not read, differs, then hidden, then secure, then
    /// write-protected; otherwise all erased is erased, all programmed is
    /// programmed and any other mix is partly programmed.
    package static func combined<S: Sequence>(_ states: S) -> PageState where S.Element == PageState {
        // The states seen, one bit each: a zoomed map combines thousands of cells a frame.
        var seen: UInt16 = 0
        for state in states { seen |= state.bit }
        for urgent in Self.urgency where seen & urgent.bit != 0 { return urgent }
        if seen == Self.erased.bit || seen == 0 { return .erased }
        if seen == Self.programmed.bit { return .programmed }
        return .partlyProgrammed
    }

    /// The states a combined cell shows whenever one of its units has them, most urgent first.
    private static let urgency: [PageState] = [.unreadable, .notRead, .differs, .hidden, .secure, .writeProtected]

    private var bit: UInt16 {
        switch self {
        case .erased: 1
        case .programmed: 2
        case .partlyProgrammed: 4
        case .writeProtected: 8
        case .differs: 16
        case .secure: 32
        case .hidden: 64
        case .notRead: 128
        case .unreadable: 256
        }
    }

    /// The states a legend lists for maps showing `states`: every one, except "hidden", "not read"
    /// and "unreadable" unless such a page is shown (hide areas are rare, the other two are an
    /// attached board's; the legend stays as short as it was).
    package static func legend(for states: some Sequence<PageState>) -> [PageState] {
        let shown = Set(states)
        let rare: Set<PageState> = [.hidden, .notRead, .unreadable]
        return allCases.filter { !rare.contains($0) || shown.contains($0) }
    }
}
