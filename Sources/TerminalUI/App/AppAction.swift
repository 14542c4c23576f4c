import TerminalKit

/// What a key asks the app to do. Lower-case keys never change the device (undo
/// aside, which restores a journaled state); upper-case keys run operations.
package enum AppAction: Hashable, Sendable {
    case help, quit, nextPane, previousPane, logViewer
    case up, down, left, right, pageUp, pageDown, home, end, last
    case zoomIn, zoomOut, switchFlash
    case nextProgrammed, previousProgrammed, nextErased, previousErased, setMark, jumpToMark
    case edit, goTo, search, nextMatch, previousMatch, nextDifference, previousDifference
    case cycleAlgorithm, toggleStepMode, saveRange, verify, diffView
    case erasePage, eraseBank, massErase, program
    case toggleDualBank, toggleSwapBank, launch, undo, redo
    // Step mode
    case step, stepBack, continueToEnd, abandon, runToStart, runToCall, runToError, runAccesses
    // While an operation runs
    case cancelOperation
    // While the chip is served to a debug client
    case toggleClientHold, stepClient, continueClient
    // While a real board is attached
    case refreshBoard
}

/// The key tables: one per mode, each the single source for dispatch, key bar and help.
package enum AppKeys {
    private static let shared: [KeyBinding<AppAction>] = [
        KeyBinding(
            [.up, .char("k")], label: "Up", help: "Cursor up a row (of pages, or of bytes in the hex view)", action: .up
        ),
        KeyBinding([.down, .char("j")], label: "Down", help: "Move the cursor down", action: .down),
        KeyBinding(
            [.left, .char("h")], label: "Left", help: "Previous page (previous byte in the hex view)", action: .left),
        KeyBinding(
            [.right, .char("l")], label: "Right", help: "Next page (next byte in the hex view)", action: .right),
        KeyBinding(
            [.pageUp], label: "PgUp", help: "Back a screen of hex rows, a bank map row, a screen of OCTOSPI map rows",
            action: .pageUp),
        KeyBinding(
            [.pageDown], label: "PgDn", help: "On a screen of hex rows, a bank map row, a screen of OCTOSPI map rows",
            action: .pageDown),
        KeyBinding(
            [.home], label: "Home", help: "First page of the bank (sector of the OCTOSPI map, byte of the hex page)",
            action: .home),
        KeyBinding(
            [.end], label: "End", help: "Last page of the bank (sector of the OCTOSPI map, byte of the hex page)",
            action: .end),
        KeyBinding(
            [.char("G")], label: "Last", help: "Last page of the flash the cursor is on (last OCTOSPI sector)",
            action: .last),
        KeyBinding([.backTab], label: "Back", help: "Focus the previous pane", action: .previousPane),
        KeyBinding([.char("g")], label: "Goto", help: "Go to an address", action: .goTo),
        KeyBinding(
            [.char("o")], label: "OCTOSPI", help: "Jump between the embedded and the OCTOSPI flash",
            action: .switchFlash),
        KeyBinding(
            [.char("+"), .char("=")], label: "Zoom in", help: "OCTOSPI map: fewer sectors per cell (down to one)",
            action: .zoomIn),
        KeyBinding(
            [.char("-")], label: "Zoom out", help: "OCTOSPI map: more sectors per cell (up to all)",
            action: .zoomOut),
        KeyBinding(
            [.char("}")], label: "Next data",
            help: "Start of the next programmed region (pages on the maps, bytes in the hex view)",
            action: .nextProgrammed),
        KeyBinding(
            [.char("{")], label: "Prev data", help: "Start of the previous programmed region",
            action: .previousProgrammed),
        KeyBinding(
            [.char(")")], label: "Next blank",
            help: "Start of the next erased region (pages on the maps, bytes in the hex view)", action: .nextErased),
        KeyBinding(
            [.char("(")], label: "Prev blank", help: "Start of the previous erased region", action: .previousErased),
        KeyBinding(
            [.char("`")], label: "Mark", help: "Then a letter a–z: mark the cursor's address (this session)",
            action: .setMark),
        KeyBinding(
            [.char("'")], label: "To mark",
            help: "Then a mark's letter: jump to it; '' goes back to where the last jump started", action: .jumpToMark),
    ]

    /// Keys when no operation is being stepped.
    package static let normal: KeyTable<AppAction> = table(
        [
            KeyBinding([.char("?")], label: "Help", help: "Show or hide this list of keys", action: .help),
            KeyBinding([.char("q")], label: "Quit", help: "Leave FlashScope", action: .quit),
            KeyBinding(
                [.char("m")], label: "Log",
                help: "Log viewer: every message in full, the last operation's trace, the history", action: .logViewer),
            KeyBinding(
                [.tab], label: "Pane", help: "Next pane: pages, hex, option bytes, page index", action: .nextPane),
            KeyBinding(
                [.char("E")], label: "Erase", help: "Erase the page or OCTOSPI sector at the cursor (asks)",
                action: .erasePage),
            KeyBinding(
                [.char("P")], label: "Program",
                help: "Program a HEX, S-record, ELF or binary file (an address only for binary; asks first)",
                action: .program),
            KeyBinding(
                [.char("D")], label: "DBANK", help: "Stage DBANK toggled (pending until launch)",
                action: .toggleDualBank),
            KeyBinding(
                [.char("L")], label: "Launch", help: "OBL_LAUNCH: pending option bytes take effect (asks)",
                action: .launch),
            KeyBinding(
                [.char("u")], label: "Undo", help: "Undo the last operation (from the device's history)", action: .undo),
            KeyBinding(
                [.char("r"), .ctrl("r")], label: "Redo", help: "Redo the operation undone last", action: .redo),
            KeyBinding(
                [.char("t")], label: "Step", help: "Step mode: step the next operation access by access",
                action: .toggleStepMode),
            KeyBinding(
                [.char("S")], label: "SWAP", help: "Stage SWAP_BANK toggled (pending until launch)",
                action: .toggleSwapBank),
            KeyBinding(
                [.char("B")], label: "Bank erase", help: "Erase the bank under the cursor (asks first)",
                action: .eraseBank),
            KeyBinding(
                [.char("M")], label: "Mass erase",
                help: "Erase all of the embedded flash; on the OCTOSPI map, the OCTOSPI chip (asks first)",
                action: .massErase),
            KeyBinding(
                [.enter], label: "Edit",
                help: "Edit the selected option field (option bytes pane); RDP level 2 takes a capital Y",
                action: .edit),
            KeyBinding(
                [.char("/")], label: "Find",
                help: "Search for hex bytes (de ad be ef), a little-endian word (0xDEADBEEF) or \"text\"",
                action: .search),
            KeyBinding([.char("n")], label: "Next", help: "Next search match", action: .nextMatch),
            KeyBinding([.char("N")], label: "Prev", help: "Previous search match", action: .previousMatch),
            KeyBinding(
                [.char("]")], label: "Next diff", help: "Start of the next range that differs from the loaded file",
                action: .nextDifference),
            KeyBinding(
                [.char("[")], label: "Prev diff", help: "Start of the previous range that differs from the loaded file",
                action: .previousDifference),
            KeyBinding(
                [.char("a")], label: "Algorithm", help: "Cycle the algorithm erase and program use",
                action: .cycleAlgorithm),
            KeyBinding(
                [.char("w")], label: "Save",
                help: "Save the page or OCTOSPI sector at the cursor, or a range, to a .bin, .hex or .srec file (asks)",
                action: .saveRange),
            KeyBinding(
                [.char("v")], label: "Verify", help: "Verify the flash against the loaded file, range by range",
                action: .verify),
            KeyBinding(
                [.char("d")], label: "Diff",
                help: "Diff view: the loaded file beside the flash, differing bytes marked (] [ move, Esc closes)",
                action: .diffView),
        ] + shared)

    /// Keys while an operation is being stepped.
    package static let stepping: KeyTable<AppAction> = table(
        [
            KeyBinding([.char("?")], label: "Help", help: "Show or hide this list of keys", action: .help),
            KeyBinding([.char("n")], label: "Step", help: "Replay the next bus access", action: .step),
            KeyBinding(
                [.char("b")], label: "Back", help: "Go back one bus access (replays from the start)", action: .stepBack),
            KeyBinding(
                [.char("s")], label: "To start",
                help: "Run to the next start: STRT, OPTSTRT, OBL_LAUNCH or a NOR program/erase command",
                action: .runToStart),
            KeyBinding(
                [.char("a")], label: "To call", help: "Run to the next algorithm call (Init, EraseSector, ...)",
                action: .runToCall),
            KeyBinding(
                [.char("e")], label: "To error", help: "Run to the next error flag, fault or refused command",
                action: .runToError),
            KeyBinding(
                [.char("#")], label: "Run N", help: "Replay a number of accesses (asks how many)",
                action: .runAccesses),
            KeyBinding(
                [.char("c")], label: "Continue", help: "Run to the end and commit the operation", action: .continueToEnd
            ),
            KeyBinding(
                [.char("x")], label: "Abandon", help: "Abandon the operation: nothing is committed", action: .abandon),
            KeyBinding([.tab], label: "Pane", help: "Focus the next pane", action: .nextPane),
            KeyBinding([.char("q")], label: "Quit", help: "Abandon the operation and leave FlashScope", action: .quit),
        ] + shared)

    /// Keys while an operation works off the update loop: look around, cancel, or quit.
    package static let running: KeyTable<AppAction> = table(
        [
            KeyBinding([.char("?")], label: "Help", help: "Show or hide this list of keys", action: .help),
            KeyBinding(
                [.escape], label: "Cancel",
                help: "Stop the operation: nothing of it is saved, the device stays as it was",
                action: .cancelOperation),
            KeyBinding([.char("q")], label: "Quit", help: "Cancel the operation and leave FlashScope", action: .quit),
            KeyBinding([.tab], label: "Pane", help: "Focus the next pane", action: .nextPane),
        ] + shared)

    static func table(_ bindings: [KeyBinding<AppAction>]) -> KeyTable<AppAction> {
        do {
            return try KeyTable(bindings)
        } catch {
            // The tables are constants; a duplicate key is a programming error caught by the tests.
            preconditionFailure("\(error)")
        }
    }
}
