@testable import TerminalKit
@testable import TerminalUI

/// Actions of a FlashScope-like key table, used to test the table machinery.
enum TestAction: Hashable, Sendable {
    case quit, help, up, down, pageUp, pageDown, erase, program, verify, options, goTo
}

enum Fixtures {
    static let keyTable: KeyTable<TestAction> = {
        do {
            return try KeyTable([
                KeyBinding([.char("?")], label: "Help", help: "Show or hide this list of keys", action: .help),
                KeyBinding([.char("q"), .ctrl("c")], label: "Quit", help: "Leave FlashScope", action: .quit),
                KeyBinding([.up, .char("k")], label: "Up", help: "Move the cursor up one row", action: .up),
                KeyBinding([.down, .char("j")], label: "Down", help: "Move the cursor down one row", action: .down),
                KeyBinding([.pageUp], label: "Page up", help: "Scroll up one screen", action: .pageUp),
                KeyBinding([.pageDown], label: "Page down", help: "Scroll down one screen", action: .pageDown),
                KeyBinding([.char("e")], label: "Erase", help: "Erase the page under the cursor", action: .erase),
                KeyBinding([.char("p")], label: "Program", help: "Program a file into flash", action: .program),
                KeyBinding([.char("v")], label: "Verify", help: "Compare flash with a file", action: .verify),
                KeyBinding([.char("o")], label: "Options", help: "Show and edit the option bytes", action: .options),
                KeyBinding([.char("g")], label: "Go to", help: "Jump to an address", action: .goTo),
            ])
        } catch {
            fatalError("fixture key table is invalid: \(error)")
        }
    }()

    /// 128 pages: 0–9 programmed, 10 partly, 16–23 write-protected,
    /// 64–71 secure, 100 differs; the rest erased.
    static let pages128: [PageState] = (0..<128).map { page in
        switch page {
        case 0...9: return .programmed
        case 10: return .partlyProgrammed
        case 16...23: return .writeProtected
        case 64...71: return .secure
        case 100: return .differs
        default: return .erased
        }
    }

    /// Bytes 0x00…0xFF, then 32 erased bytes (0xFF), then "Hello, flash!\n".
    static let hexBytes: [UInt8] = Array(0...255) + Array(repeating: 0xFF, count: 32) + Array("Hello, flash!\n".utf8)

    static let registers: [RegisterRow] = [
        RegisterRow(name: "NSKEYR", value: 0xCDEF_89AB),
        RegisterRow(
            name: "NSSR", value: 0x0001_0001,
            fields: [
                RegisterFieldValue(name: "EOP", bits: 1, value: 1, changed: true),
                RegisterFieldValue(name: "OPERR", bits: 1, value: 0),
                RegisterFieldValue(name: "PROGERR", bits: 1, value: 0),
                RegisterFieldValue(name: "WRPERR", bits: 1, value: 0),
                RegisterFieldValue(name: "PGAERR", bits: 1, value: 0),
                RegisterFieldValue(name: "SIZERR", bits: 1, value: 0),
                RegisterFieldValue(name: "PGSERR", bits: 1, value: 0),
                RegisterFieldValue(name: "OPTWERR", bits: 1, value: 0),
                RegisterFieldValue(name: "BSY", bits: 1, value: 1, changed: true),
            ]),
        RegisterRow(
            name: "NSCR", value: 0x0001_0012,
            fields: [
                RegisterFieldValue(name: "PG", bits: 1, value: 0),
                RegisterFieldValue(name: "PER", bits: 1, value: 1),
                RegisterFieldValue(name: "MER1", bits: 1, value: 0),
                RegisterFieldValue(name: "PNB", bits: 7, value: 0x04, changed: true),
                RegisterFieldValue(name: "BKER", bits: 1, value: 0),
                RegisterFieldValue(name: "STRT", bits: 1, value: 1),
                RegisterFieldValue(name: "LOCK", bits: 1, value: 0),
            ]),
    ]

    static let optionRows: [OptionByteRow] = [
        OptionByteRow(name: "RDP", bits: 8, effective: 0xAA, pending: 0xAA),
        OptionByteRow(name: "DBANK", bits: 1, effective: 1, pending: 0),
        OptionByteRow(name: "SWAP_BANK", bits: 1, effective: 0, pending: 0),
        OptionByteRow(name: "TZEN", bits: 1, effective: 0, pending: 1),
        OptionByteRow(name: "WRP1A_PSTRT", bits: 7, effective: 0x7F, pending: 0x10),
        OptionByteRow(name: "WRP1A_PEND", bits: 7, effective: 0x00, pending: 0x17),
        OptionByteRow(name: "SECWM1_PSTRT", bits: 7, effective: 0x7F, pending: 0x7F),
    ]
}
