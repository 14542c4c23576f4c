/// Erased pages told in each flash's own terms: pages with PNB/BKER for the embedded
/// flash, sectors, blocks or the chip for the OCTOSPI flash. Shared by the command line and the UI.
package enum ErasedDescription {
    /// How many units of each kind, embedded flash first: `["3 pages erased", "16 OCTOSPI sectors erased"]`.
    package static func counts(_ pages: [ErasedPage]) -> [String] {
        tallies(pages).map { $0.noun == "OCTOSPI chip" ? "OCTOSPI chip erased" : "\($0.text) erased" }
    }

    /// `3 pages`, `16 OCTOSPI sectors`, `1 OCTOSPI block`, embedded flash first.
    private static func tallies(_ pages: [ErasedPage]) -> [(noun: String, text: String)] {
        var kinds: [(noun: String, count: Int)] = [("page", pages.filter { $0.region == .flash }.count)]
        for unit in OSPIUnit.allCases {
            kinds.append(
                ("OCTOSPI \(unit.rawValue)", pages.filter { $0.region == .ospi && OSPIUnit($0.pageSize) == unit }.count)
            )
        }
        return kinds.filter { $0.count > 0 }.map { ($0.noun, "\($0.count) \($0.noun)\($0.count == 1 ? "" : "s")") }
    }

    /// One line per run of consecutive units: what was erased and what the controller was sent.
    package static func lines(_ pages: [ErasedPage]) -> [String] {
        runs(pages).map { run in
            let first = run.first, last = run.last
            let span = "\(hex(first.pageAddress))–\(hex(last.pageAddress &+ last.pageSize &- 1))"
            if first.region == .ospi {
                let unit = OSPIUnit(first.pageSize)
                if unit == .chip { return "OCTOSPI chip \(span) (sent \(first.command))" }
                let numbers = run.count == 1 ? "\(first.pnb)" : "\(first.pnb)–\(last.pnb)"
                let sent = run.count == 1 ? first.command : "\(first.command) … \(last.command)"
                return "OCTOSPI \(unit.rawValue) \(numbers) \(span) (sent \(sent))"
            }
            let pnb = run.count == 1 ? "PNB \(first.pnb)" : "PNB \(first.pnb)–\(last.pnb)"
            var line =
                "\(pnb) BKER \(first.bker) (physical bank \(first.physicalBank)): \(span), \(first.pageSize / 1024) KiB pages"
            if let sentPNB = first.sentPNB, let lastPNB = last.sentPNB, let bker = first.sentBKER {
                line += "; sent PER \(run.count == 1 ? "PNB \(sentPNB)" : "PNB \(sentPNB)–\(lastPNB)") BKER \(bker)"
            } else {
                line += "; sent \(first.command)"
            }
            return line
        }
    }

    /// For a confirmation: one phrase per flash, `erases PNB 0 BKER 0: 0x08000000–0x080007FF`,
    /// `erases 16 OCTOSPI sectors: 0x90000000–0x9000FFFF`.
    package static func planPhrases(_ pages: [ErasedPage]) -> [String] {
        var phrases: [String] = []
        let flash = pages.filter { $0.region == .flash }
        if let first = flash.first, let last = flash.last {
            let span = "\(hex(first.pageAddress))–\(hex(last.pageAddress &+ last.pageSize &- 1))"
            phrases.append(
                flash.count == 1
                    ? "erases PNB \(first.pnb) BKER \(first.bker): \(span)"
                    : "erases \(flash.count) pages: \(span)")
        }
        let external = pages.filter { $0.region == .ospi }
        if let first = external.first, let last = external.last {
            let span = "\(hex(first.pageAddress))–\(hex(last.pageAddress &+ last.pageSize &- 1))"
            phrases.append("erases \(tallies(external).map(\.text).joined(separator: " and ")): \(span)")
        }
        return phrases
    }

    /// The OCTOSPI erase units, by size.
    enum OSPIUnit: String, CaseIterable {
        case sector, block, chip

        init(_ size: UInt32) {
            self = size == 0x1000 ? .sector : size == 0x1_0000 ? .block : .chip
        }
    }

    /// Runs of pages that follow each other in one flash, with the same bank bit, size and kind of command.
    private static func runs(_ pages: [ErasedPage]) -> [(first: ErasedPage, last: ErasedPage, count: Int)] {
        var runs: [(first: ErasedPage, last: ErasedPage, count: Int)] = []
        for page in pages {
            if let run = runs.last, follows(page, run.last) {
                runs[runs.count - 1] = (run.first, page, run.count + 1)
            } else {
                runs.append((page, page, 1))
            }
        }
        return runs
    }

    private static func follows(_ page: ErasedPage, _ previous: ErasedPage) -> Bool {
        guard page.region == previous.region, page.pageSize == previous.pageSize, page.bker == previous.bker,
            page.pnb == previous.pnb + 1,
            UInt64(page.pageAddress) == UInt64(previous.pageAddress) + UInt64(previous.pageSize)
        else { return false }
        if page.region == .ospi { return OSPIUnit(page.pageSize) != .chip }
        switch (page.sentPNB, previous.sentPNB, page.sentBKER, previous.sentBKER) {
        case let (pnb?, previousPNB?, bker?, previousBKER?): return pnb == previousPNB + 1 && bker == previousBKER
        case (nil, nil, nil, nil): return page.command == previous.command
        default: return false
        }
    }
}

extension OptionChange {
    /// `DBANK 1 → 0, SWAP_BANK 0 → 1 (staged)`: values of wide fields in hex.
    package static func summary(_ changes: [OptionChange]) -> String {
        let inForce = changes.filter { !$0.staged }.map(\.text)
        let staged = changes.filter(\.staged).map(\.text)
        var parts: [String] = []
        if !inForce.isEmpty { parts.append("options \(inForce.joined(separator: ", "))") }
        if !staged.isEmpty { parts.append("staged \(staged.joined(separator: ", "))") }
        return parts.joined(separator: "; ")
    }

    /// `DBANK 1 → 0`.
    package var text: String { "\(field) \(Self.display(before, field)) → \(Self.display(after, field))" }

    /// A field value as `ob` shows it (`OptionField.text`): hex codes and addresses, decimal page numbers.
    package static func display(_ value: UInt32, _ fieldName: String) -> String {
        OptionField.named(fieldName)?.text(value) ?? String(value)
    }

    /// The fields whose values differ between two sets of option bytes.
    package static func between(_ before: OptionBytes, _ after: OptionBytes, staged: Bool) -> [OptionChange] {
        OptionField.all.compactMap { field in
            before[field] == after[field]
                ? nil : OptionChange(field: field.name, before: before[field], after: after[field], staged: staged)
        }
    }
}
