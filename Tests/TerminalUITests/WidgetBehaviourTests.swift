import Testing

@testable import TerminalKit
@testable import TerminalUI

@Suite struct WidgetBehaviourTests {
    @Test(arguments: [
        (UInt8(0x00), Role.hexZero, Character("⋄")),
        (0x41, .hexPrintable, "A"), (0x7E, .hexPrintable, "~"), (0x21, .hexPrintable, "!"),
        (0x20, .hexWhitespace, "_"), (0x09, .hexWhitespace, "_"), (0x0A, .hexWhitespace, "_"),
        (0x0D, .hexWhitespace, "_"),
        (0x01, .hexOther, "•"), (0x1B, .hexOther, "•"), (0x7F, .hexOther, "•"),
        (0x80, .hexNonASCII, "×"), (0xFE, .hexNonASCII, "×"),
        (0xFF, .hexErased, "·"),
    ])
    func hexByteClasses(byte: UInt8, role: Role, glyph: Character) {
        #expect(HexViewWidget.role(of: byte) == role)
        #expect(HexViewWidget.glyph(of: byte) == glyph)
    }

    @Test(arguments: [(78, 16), (77, 16), (76, 8), (44, 8), (43, 4), (16, 1)])
    func hexRowLengthFitsWidth(width: Int, bytes: Int) {
        #expect(HexViewWidget.bytesPerRow(fitting: width) == bytes)
    }

    @Test func hexViewClampsScrollToTheEnd() {
        let widget = HexViewWidget(title: "", bytes: Array(repeating: 0, count: 160), topRow: 50)
        #expect(widget.clampedTopRow(bytesPerRow: 16, visibleRows: 4) == 6)
        #expect(widget.clampedTopRow(bytesPerRow: 16, visibleRows: 40) == 0)
    }

    @Test func hexViewShowsBytesAtTheirAddresses() {
        let widget = HexViewWidget(title: "", bytes: Array(0...255), baseAddress: 0x0800_0000, topRow: 3)
        let screen = rendered(widget, size: Size(width: 80, height: 4))
        #expect(
            screen.lines[1].hasPrefix("│08000030  30 31 32 33 34 35 36 37  38 39 3A 3B 3C 3D 3E 3F │0123456789:;<=>?│"))
        #expect(screen.lines[2].hasPrefix("│08000040  40 41"))
    }

    @Test(arguments: [
        ([PageState.erased, .erased], PageState.erased),
        ([.programmed, .programmed], .programmed),
        ([.erased, .programmed], .partlyProgrammed),
        ([.partlyProgrammed, .programmed], .partlyProgrammed),
        ([.programmed, .writeProtected], .writeProtected),
        ([.writeProtected, .secure], .secure),
        ([.secure, .differs, .erased], .differs),
        ([], .erased),
    ])
    func zoomedCellState(states: [PageState], combined: PageState) {
        #expect(PageState.combined(states) == combined)
    }

    @Test func pageMapShowsProgrammedPagesInTheProgrammedRole() {
        let screen = rendered(PageMapWidget(title: "m", states: Fixtures.pages128), size: Size(width: 80, height: 24))
        let area = Rect(x: 0, y: 0, width: 80, height: 24)
        let map = PageMapWidget(title: "m", states: Fixtures.pages128)
        guard let g = map.geometry(in: area) else {
            Issue.record("no geometry at 80x24")
            return
        }
        #expect(g.unitsPerCell == 1)
        for page in 0..<128 {
            let cell = screen.cell(atX: g.x(ofColumn: page % g.columns), y: g.grid.y + page / g.columns)
            #expect(cell?.role == Fixtures.pages128[page].role, "page \(page)")
            #expect(map.unit(atX: g.x(ofColumn: page % g.columns), y: g.grid.y + page / g.columns, in: area) == page)
        }
    }

    @Test func pageMapZoomsWhenUnitsDoNotFit() {
        let map = PageMapWidget(title: "", states: Array(repeating: .erased, count: 16384), unitName: "sector")
        let g = map.geometry(in: Rect(x: 0, y: 0, width: 80, height: 24))
        #expect(g?.unitsPerCell == 16)
        #expect(g.map { $0.rows * $0.columns * $0.unitsPerCell >= 16384 } == true)
        let screen = rendered(map, size: Size(width: 80, height: 24))
        #expect(screen.lines.contains { $0.contains("1 cell = 16 sectors") })
    }

    @Test func promptEditsCompletesAndSubmits() {
        var prompt = PromptState(label: "Go to", candidates: ["0x08000000", "0x08040000", "0x0C000000"])
        for c in "0x08" { #expect(prompt.handle(.char(c)) == .editing) }
        #expect(prompt.handle(.tab) == .editing)
        #expect(prompt.text == "0x080")
        #expect(prompt.matches == ["0x08000000", "0x08040000"])
        _ = prompt.handle(.char("4"))
        _ = prompt.handle(.tab)
        #expect(prompt.text == "0x08040000")
        _ = prompt.handle(.home)
        _ = prompt.handle(.delete)
        _ = prompt.handle(.end)
        _ = prompt.handle(.backspace)
        #expect(prompt.text == "x0804000")
        #expect(prompt.cursor == 8)
        _ = prompt.handle(.left)
        _ = prompt.handle(.char("9"))
        #expect(prompt.text == "x08040090")
        #expect(prompt.handle(.enter) == .submitted("x08040090"))
        #expect(prompt.handle(.escape) == .cancelled)
    }

    @Test func promptEditClearsTheError() {
        var prompt = PromptState(label: "n", text: "zz", error: "not a number")
        _ = prompt.handle(.backspace)
        #expect(prompt.error == nil)
    }

    @Test(arguments: [
        (Key.char("y"), ConfirmDecision?.some(.confirmed)), (.char("Y"), .confirmed),
        (.char("n"), .cancelled), (.escape, .cancelled), (.enter, nil), (.char("x"), nil),
    ])
    func confirmKeys(key: Key, decision: ConfirmDecision?) {
        #expect(ConfirmWidget.decision(for: key) == decision)
    }

    @Test func optionRowsMarkPendingChanges() {
        let screen = rendered(OptionBytesPanelWidget(rows: Fixtures.optionRows), size: Size(width: 44, height: 10))
        let marked = screen.lines.filter { $0.hasPrefix("│*") }.count
        #expect(marked == Fixtures.optionRows.filter(\.isPending).count)
        #expect(screen.cell(atX: 3, y: 3)?.role == .pending)  // DBANK row
        #expect(screen.cell(atX: 3, y: 2)?.role == .normal)  // RDP row
    }

    @Test func registerFieldsChangedByAStepAreHighlighted() {
        let screen = rendered(RegisterPanelWidget(rows: Fixtures.registers), size: Size(width: 80, height: 8))
        guard let row = screen.lines.firstIndex(where: { $0.contains("NSCR") }),
            let column = screen.lines[row].firstRange(of: "PNB=0x04").map({
                screen.lines[row].distance(from: screen.lines[row].startIndex, to: $0.lowerBound)
            })
        else {
            Issue.record("NSCR PNB not shown")
            return
        }
        #expect(screen.cell(atX: column, y: row)?.role == .changed)
        #expect(screen.cell(atX: column - 2, y: row)?.role == .dim)
    }

    @Test func hexCapacityMatchesWhatIsDrawn() {
        let capacity = HexViewWidget.capacity(in: Rect(x: 0, y: 0, width: 80, height: 24))
        #expect(capacity.bytesPerRow == 16)
        #expect(capacity.rows == 22)
    }
}

/// Issue 18, broken 8: under NO_COLOR only the glyph tells a NUL from the digit 0.
@Suite struct NULGlyphTests {
    @Test func nulHasAGlyphOfItsOwn() {
        let nul = HexViewWidget.glyph(of: 0x00)
        #expect(nul != HexViewWidget.glyph(of: 0x30))
        for byte in UInt8(0x01)...UInt8(0xFF) { #expect(HexViewWidget.glyph(of: byte) != nul, "\(byte)") }
    }
}
