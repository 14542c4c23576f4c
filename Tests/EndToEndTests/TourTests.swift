import Foundation
import Testing

/// The README's two tours, read from the README itself and run exactly as printed: the command-line
/// tour command by command, the UI tour key by key in tmux. Changing either tour changes the test.
@Suite(.serialized) struct TourTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func readme() throws -> String {
        try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    }

    /// The lines of a section: from its heading to the next heading of the same or a higher level.
    static func section(_ heading: String, of text: String) -> [String] {
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: heading) else { return [] }
        let level = heading.prefix { $0 == "#" }.count
        let rest = lines[(start + 1)...]
        let end =
            rest.firstIndex {
                let hashes = $0.prefix { $0 == "#" }.count
                return hashes > 0 && hashes <= level && $0.dropFirst(hashes).hasPrefix(" ")
            } ?? lines.endIndex
        return Array(lines[(start + 1)..<end])
    }

    /// The command-line tour's commands: its first code block, comments dropped, `;` splitting a line.
    static func commandLineTour(_ text: String) -> [[String]] {
        let lines = section("## A short tour of the command line", of: text)
        guard let open = lines.firstIndex(of: "```"), let close = lines[(open + 1)...].firstIndex(of: "```") else {
            return []
        }
        return lines[(open + 1)..<close].flatMap { line -> [[String]] in
            let code = line.range(of: " #").map { String(line[..<$0.lowerBound]) } ?? line
            return code.split(separator: ";").map { $0.split(separator: " ").map(String.init) }
        }
        .filter { !$0.isEmpty }
    }

    /// One numbered step of the UI tour: the code spans before its first colon (outside code), which
    /// is what to type.
    struct Step {
        let number: Int
        let typed: [String]
    }

    static func uiTour(_ text: String) -> [Step] {
        var items: [(Int, String)] = []
        for line in section("### Five minutes with the UI", of: text) {
            if let dot = line.firstIndex(of: "."), let number = Int(line[..<dot]), line[dot...].hasPrefix(". ") {
                items.append((number, String(line[line.index(dot, offsetBy: 2)...])))
            } else if line.hasPrefix("   "), !items.isEmpty {
                items[items.count - 1].1 += " " + line.trimmingCharacters(in: .whitespaces)
            }
        }
        return items.map { number, text in
            var spans: [String] = []
            var current: String?
            for character in text {
                if character == "`" {
                    if let span = current { spans.append(span) }
                    current = current == nil ? "" : nil
                } else if current != nil {
                    current?.append(character)
                } else if character == ":" {
                    break
                }
            }
            return Step(number: number, typed: spans)
        }
    }

    @Test func theREADMEHasBothTours() throws {
        let text = try Self.readme()
        #expect(Self.commandLineTour(text).count >= 10)
        #expect(Self.uiTour(text).map(\.number) == [1, 2, 3, 4, 5, 6])
    }

    /// Every command as printed; each succeeds except the dry run, which predicts the pitfall the
    /// README describes after it (exit 1: a predicted device error).
    @Test func theCommandLineTourAsPrinted() throws {
        let cli = try CommandRunner()
        let commands = Self.commandLineTour(try Self.readme())
        var sawPitfall = false
        for command in commands {
            try #require(command.first == "flashscope", "\(command)")
            // The default device (in the runner's XDG_DATA_HOME), as a new user gets it.
            let output = try cli.run(Array(command.dropFirst()), useDevice: false, workingDirectory: Self.root)
            let line = command.joined(separator: " ")
            if command.contains("--dry-run") {
                #expect(output.status == 1, "\(line)")
                #expect(output.text.contains("(predicted, nothing changed)"))
                #expect(output.text.contains("sent PER PNB 0 BKER 1"), "\(output.text)")
                #expect(output.text.contains("PROGERR at 0x08040000"), "\(output.text)")
                #expect(output.text.contains("collateral: 4088 bytes"), "\(output.text)")
                sawPitfall = true
            } else {
                #expect(output.status == 0, "\(line): \(output.stderr)")
            }
        }
        #expect(sawPitfall, "the tour has its dry run")
    }

    /// The keys of each step, typed as the README says (a key name such as `Enter`, text, or one
    /// key), waiting only where a person would: for a confirmation to appear before `y`, and for an
    /// operation to finish before the next key.
    @Test(.enabled(if: Tmux.isAvailable, "tmux is not installed"))
    func theUITourAsPrinted() throws {
        let steps = Self.uiTour(try Self.readme())
        let cli = try CommandRunner()
        let first = try #require(steps.first)
        try #require(first.typed.count == 2, "step 1 makes the device and opens it")
        let commands = first.typed.map { span in
            span.replacingOccurrences(of: "/tmp/tour.fsdev", with: cli.device).split(separator: " ").map(String.init)
        }
        try #require(commands.allSatisfy { $0.first == "flashscope" })
        #expect(try cli.run(Array(commands[0].dropFirst()), useDevice: false).status == 0)
        let open = ([CommandRunner.executable.path] + commands[1].dropFirst()).map { "'\($0)'" }
            .joined(separator: " ")
        let tmux = try Tmux(command: "cd '\(Self.root.path)' && \(open); echo EXIT=$?; sleep 30")
        defer { tmux.kill() }
        try tmux.wait(for: "PNB 0 BKER 0")

        for step in steps.dropFirst() {
            var keys = step.typed.flatMap { $0.split(separator: " ").map(String.init) }
            var pressed = 0
            while !keys.isEmpty {
                let key = keys.removeFirst()
                if key == "q" {
                    // Step 6: the launch ran whole (step mode was one-shot) and re-laid the maps as one bank.
                    let screen = try tmux.wait(for: "now: DBANK=0 SWAP_BANK=0")
                    #expect(!screen.contains("Bank 2"), "one grid in single-bank mode")
                    #expect(!screen.contains("stepping"), "the launch was not stepped")
                }
                try press(key, in: tmux)
                if key == "n" {
                    pressed += 1
                    // Step 5: the tenth access is the STRT write.
                    if pressed == 10 { try tmux.wait(for: "STRT=1") }
                }
            }
            try check(step.number, tmux, cli)
        }
        let log = try cli.run(["log", "--json"]).json() as? [[String: Any]] ?? []
        let kept = log.filter { ($0["undone"] as? Bool) != true }.compactMap { $0["kind"] as? String }
        #expect(kept == ["program", "program", "option-bytes", "launch"])
        let undone = log.filter { ($0["undone"] as? Bool) == true }.compactMap { $0["kind"] as? String }
        #expect(undone == ["erase"], "the undone erase is still listed")
        // bank-mode-change=erase: the launch erased both images.
        #expect([UInt8](try cli.run(["read", "0x08000000", "4"]).stdout) == [0xFF, 0xFF, 0xFF, 0xFF])
    }

    private func press(_ key: String, in tmux: Tmux) throws {
        if key == "y" { try tmux.wait(for: "y = yes") }
        let before = try tmux.screen()
        switch key {
        case "Enter", "Tab", "Escape": try tmux.send(key)
        case "q":
            try tmux.send(key)
            try tmux.wait(for: "EXIT=0")
            return
        case _ where key.count == 1: try tmux.send(key)
        default: try tmux.type(key)
        }
        switch key {
        case "y", "c", "D":
            // An operation: the screen changes at once and the progress line stays until it ends.
            try tmux.wait(for: "\(key) to finish") { screen in
                screen != before && !(screen.split(separator: "\n").last ?? "").contains("Esc Cancel")
            }
        case "u": try tmux.wait(for: "undid operation")
        default: break
        }
    }

    /// What the README says each step shows.
    private func check(_ step: Int, _ tmux: Tmux, _ cli: CommandRunner) throws {
        switch step {
        case 2:
            try tmux.wait(for: "program Examples/application.hex: 10 pages erased, 20480 bytes programmed")
            let kinds = (try cli.run(["log", "--json"]).json() as? [[String: Any]] ?? []).compactMap { $0["kind"] }
            #expect(kinds.count == 2)
        case 3: try tmux.wait(for: "0x08040800 PNB 1 BKER 1")
        case 4:
            let screen = try tmux.wait(for: "staged DBANK 1 → 0")
            #expect(screen.contains("PNB 64 BKER 0"), "after launch")
            #expect(screen.contains("PNB 1 BKER 1 → 0x08001000"), "what assume-dual-bank would erase")
        case 5: try tmux.wait(for: "1 page erased")
        case 6: #expect(try tmux.screen().contains("EXIT=0"), "q quit")
        default: Issue.record("the tour has a step \(step) this test does not know")
        }
    }
}
