import Testing

@testable import TerminalKit
@testable import TerminalUI

@Suite struct KeyTableTests {
    let table = Fixtures.keyTable

    @Test func dispatchFindsTheBindingForEveryKey() {
        for binding in table.bindings {
            for key in binding.keys {
                #expect(table.action(for: key) == binding.action, "\(key)")
            }
        }
        #expect(table.action(for: .char("z")) == nil)
        #expect(table.action(for: .ctrl("c")) == .quit)
        #expect(table.action(for: .char("k")) == .up)
    }

    @Test func duplicateKeyIsRejected() {
        #expect(throws: KeyTableError(key: .char("q"), firstLabel: "Quit", secondLabel: "Query")) {
            try KeyTable<TestAction>([
                KeyBinding([.char("q")], label: "Quit", help: "", action: .quit),
                KeyBinding([.char("q")], label: "Query", help: "", action: .goTo),
            ])
        }
    }

    @Test func helpOverlayListsExactlyTheTable() {
        let screen = rendered(HelpOverlayWidget(table: table), size: Size(width: 120, height: 40))
        let rows = screen.lines.filter { $0.contains("│") }.map { line -> String in
            let inner = line.split(separator: "│", omittingEmptySubsequences: false)[1]
            return String(inner).stripping(" ")
        }.filter { !$0.isEmpty }
        #expect(rows.count == table.bindings.count)
        for (row, binding) in zip(rows, table.bindings) {
            #expect(row.hasPrefix(binding.keyText + " "))
            #expect(row.contains(" \(binding.label) "))
            #expect(row.hasSuffix(binding.help))
        }
    }

    @Test func keyBarListsTheTableInOrder() {
        var buffer = ScreenBuffer(width: 200, height: 1)
        KeyBarWidget(table: table).render(in: buffer.area, into: &buffer)
        let expected = table.bindings.map { "\($0.keyText) \($0.label)" }.joined(separator: "  ")
        #expect(buffer.lines[0].stripping(" ") == expected)
    }

    @Test func narrowKeyBarShowsOnlyWholeEntries() {
        var buffer = ScreenBuffer(width: 20, height: 1)
        KeyBarWidget(table: table).render(in: buffer.area, into: &buffer)
        #expect(buffer.lines[0] == "? Help  q/^C Quit   ")
        #expect(buffer.row(0).allSatisfy { $0.role == .keyBar || $0.role == .keyBarKey })
    }

    @Test(arguments: [
        (Key.char("a"), "a"), (.char(" "), "Space"), (.up, "↑"), (.ctrl("l"), "^L"),
        (.backTab, "S-Tab"), (.function(5), "F5"), (.pageDown, "PgDn"), (.escape, "Esc"),
    ])
    func keysHaveShortNames(key: Key, name: String) {
        #expect(key.description == name)
    }
}

extension String {
    func stripping(_ set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
