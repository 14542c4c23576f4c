import Foundation
import Testing

@testable import TerminalKit

@Suite struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes")

    static func path(_ name: String) -> String { themesDirectory.appendingPathComponent(name).path }

    @Test(arguments: ["default.toml", "monochrome.toml", "high-contrast.toml"])
    func shippedThemeParsesAndStylesEveryRole(file: String) throws {
        let theme = try ThemeFile.load(path: Self.path(file))
        #expect(theme.name + ".toml" == file)
        let text = try String(contentsOfFile: Self.path(file), encoding: .utf8)
        for role in Role.allCases {
            #expect(text.contains("\n\(role.rawValue) "), "\(file) does not style \(role.rawValue)")
        }
    }

    @Test func defaultFileMatchesBuiltInTheme() throws {
        let theme = try ThemeFile.load(path: Self.path("default.toml"))
        for role in Role.allCases { #expect(theme.style(for: role) == Theme.standard.style(for: role), "\(role)") }
    }

    @Test func monochromeFileMatchesBuiltInTheme() throws {
        let theme = try ThemeFile.load(path: Self.path("monochrome.toml"))
        for role in Role.allCases { #expect(theme.style(for: role) == Theme.monochrome.style(for: role), "\(role)") }
    }

    @Test func monochromeUsesNoColours() {
        #expect(Theme.monochrome.isMonochrome)
        #expect(!Theme.standard.isMonochrome)
    }

    @Test func monochromeStillTellsStatesApart() {
        // Without colour, the cursor and selection must still stand out.
        #expect(!Theme.monochrome.style(for: .cursor).attributes.isEmpty)
        #expect(!Theme.monochrome.style(for: .selection).attributes.isEmpty)
    }

    @Test func namedAndNumberedColoursParse() throws {
        let theme = try ThemeFile.parse(
            """
            name = "t"
            [roles.cursor]
            fg = "bright-red"
            bg = 17
            attributes = ["bold", "underline"]
            """, file: "t.toml")
        #expect(
            theme.style(for: .cursor)
                == RoleStyle(foreground: .index(9), background: .index(17), attributes: [.bold, .underline]))
        #expect(theme.style(for: .programmed) == theme.style(for: .normal))
    }

    @Test func syntaxErrorNamesFileAndLine() {
        let text = "name = \"broken\"\n[roles]\ncursor = { fg = \"red\"\n"
        #expect {
            try ThemeFile.parse(text, file: "broken.toml")
        } throws: { error in
            guard let error = error as? ThemeError else { return false }
            return error.file == "broken.toml" && error.line == 3 && error.description.hasPrefix("broken.toml:3:")
        }
    }

    @Test(arguments: [
        ("name = \"x\"\n[roles]\ncursor = { fg = \"grene\" }\n", "roles.cursor.fg"),
        ("name = \"x\"\n[roles]\ncursor = { fg = 300 }\n", "roles.cursor.fg"),
        ("name = \"x\"\n[roles]\ncursor = { attributes = [\"blink\"] }\n", "roles.cursor.attributes"),
        ("name = \"x\"\n[roles]\ncursor = { attributes = \"bold\" }\n", "roles.cursor.attributes"),
        ("name = \"x\"\n[roles]\ncursor = { colour = \"red\" }\n", "roles.cursor.colour"),
        ("name = \"x\"\n[roles]\ncursr = {}\n", "roles.cursr"),
        ("name = \"x\"\n[roles]\ncursor = \"red\"\n", "roles.cursor"),
        ("name = \"x\"\n", "roles"),
        ("[roles]\n", "name"),
        ("name = \"x\"\nroles = {}\nextra = 1\n", "extra"),
    ])
    func semanticErrorNamesFileAndKey(text: String, key: String) {
        #expect {
            try ThemeFile.parse(text, file: "bad.toml")
        } throws: { error in
            guard let error = error as? ThemeError else { return false }
            return error.file == "bad.toml" && error.key == key && error.description.hasPrefix("bad.toml: \(key): ")
        }
    }

    @Test func unreadableFileNamesThePath() {
        #expect {
            try ThemeFile.load(path: "/nonexistent/theme.toml")
        } throws: { error in
            (error as? ThemeError)?.description.hasPrefix("/nonexistent/theme.toml: cannot read") == true
        }
    }

    @Test(arguments: [
        ([String: String](), true),
        (["NO_COLOR": ""], true),
        (["NO_COLOR": "1"], false),
        (["NO_COLOR": "yes", "TERM": "xterm-256color"], false),
        (["TERM": "dumb"], false),
        (["TERM": "xterm-256color"], true),
    ])
    func noColourSelectsMonochrome(environment: [String: String], coloured: Bool) {
        #expect(ColourPolicy.coloursAllowed(environment: environment) == coloured)
        let theme = ColourPolicy.effectiveTheme(.standard, environment: environment)
        #expect(theme == (coloured ? .standard : .monochrome))
    }

    /// no-color.org: a command-line argument overrides NO_COLOR; TERM=dumb has no colours at all.
    @Test func anExplicitThemeBeatsNoColourButNotADumbTerminal() {
        let highContrast = Theme(name: "high-contrast", styles: [.normal: RoleStyle(foreground: .red)])
        #expect(
            ColourPolicy.effectiveTheme(highContrast, explicit: true, environment: ["NO_COLOR": "1"]) == highContrast)
        #expect(
            ColourPolicy.effectiveTheme(highContrast, explicit: false, environment: ["NO_COLOR": "1"]) == .monochrome)
        #expect(ColourPolicy.effectiveTheme(highContrast, explicit: true, environment: ["TERM": "dumb"]) == .monochrome)
    }

    @Test(arguments: [
        (Colour.index(196), 256, Colour.index(196)),
        (.index(196), 16, .index(9)),  // pure red → bright red
        (.index(196), 8, .index(1)),
        (.index(22), 16, .index(2)),  // dark green → green
        (.index(21), 16, .index(12)),  // pure blue → bright blue
        (.index(236), 16, .index(0)),  // dark grey → black
        (.index(244), 16, .index(8)),  // mid grey → bright black
        (.index(255), 16, .index(15)),  // near white → bright white
        (.index(14), 8, .index(6)),  // bright cyan → cyan
        (.index(3), 8, .index(3)),
        (.terminalDefault, 8, .terminalDefault),
        (.index(3), 2, .terminalDefault),
    ])
    func coloursReduceToThePalette(colour: Colour, palette: Int, expected: Colour) {
        #expect(colour.reduced(toPalette: palette) == expected)
    }

    @Test func colourNamesRoundTrip() {
        for index in 0...255 {
            let colour = Colour.index(UInt8(index))
            #expect(Colour(name: colour.description) == colour)
        }
        #expect(Colour(name: "default") == .terminalDefault)
        #expect(Colour(name: "256") == nil)
        #expect(Colour(name: "Red") == nil)
    }
}
