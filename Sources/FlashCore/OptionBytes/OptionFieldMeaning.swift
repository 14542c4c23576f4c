/// What an option field's value means, as STM32CubeProgrammer shows it beside the value: the side of
/// a flag that is set, the RDP level's effect, where a boot address points, and the area a page
/// field bounds as the addresses it covers (reference §2.1, §2.2, §8).
extension OptionBytes {
    /// The meaning of `field`'s value in these option bytes; page areas as addresses under `layout`.
    package func meaning(of field: OptionField, layout: FlashLayout) -> String {
        let value = self[field]
        switch field.kind {
        case .flag:
            return Self.side(of: field.meaning, value) ?? field.meaning
        case .number:
            return field.meaning
        case .code:
            return readoutLevel.effect
        case .address:
            let address = field.typed(value)
            if let page = try? layout.locate(address) {
                return "flash bank \(page.bank) page \(page.pnb)"
            }
            if address == BootSelection.rssAddress { return "the root security service (system memory)" }
            if Machine.systemMemory.contains(address) { return "system memory (ST's bootloader)" }
            if Machine.sram.contains(address) { return "SRAM" }
            return FlashRegion.of(address) == .system ? "system memory" : "outside the flash, SRAM and system memory"
        case .page:
            guard let area = OptionPageArea.all.first(where: { $0.start == field || $0.end == field }) else {
                return field.meaning
            }
            return area.text(in: self, layout: layout)
        }
    }

    /// `0: a; 1: b` read at `value`, or nil when the meaning is not written that way.
    private static func side(of meaning: String, _ value: UInt32) -> String? {
        let sides = meaning.split(separator: ";").map { String($0).trimmingWhitespace }
        let prefix = "\(value): "
        return sides.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }
}

/// A page range two option fields bound (first and last page, both included) in one bank: the
/// write-protection areas, the secure watermarks and the secure hide areas (which start at the
/// watermark's first page, reference §8).
package struct OptionPageArea: Sendable, Equatable {
    package var start: OptionField
    package var end: OptionField
    /// The physical bank whose pages the fields number (DBANK=1); with DBANK=0 they number the one bank.
    package var bank: Int
    /// What the pages are: `write-protected`, `secure`, `hidden`.
    package var role: String
    /// The flag that switches the area on, for the hide areas.
    package var enable: OptionField?

    package static let all: [OptionPageArea] = [
        OptionPageArea(start: .wrp1AStart, end: .wrp1AEnd, bank: 1, role: "write-protected"),
        OptionPageArea(start: .wrp1BStart, end: .wrp1BEnd, bank: 1, role: "write-protected"),
        OptionPageArea(start: .wrp2AStart, end: .wrp2AEnd, bank: 2, role: "write-protected"),
        OptionPageArea(start: .wrp2BStart, end: .wrp2BEnd, bank: 2, role: "write-protected"),
        OptionPageArea(start: .secureWatermark1Start, end: .secureWatermark1End, bank: 1, role: "secure"),
        OptionPageArea(start: .secureWatermark2Start, end: .secureWatermark2End, bank: 2, role: "secure"),
        OptionPageArea(
            start: .secureWatermark1Start, end: .hide1End, bank: 1, role: "hidden", enable: .hide1Enable),
        OptionPageArea(
            start: .secureWatermark2Start, end: .hide2End, bank: 2, role: "hidden", enable: .hide2Enable),
    ]

    /// The physical bank whose pages a page field numbers (with DBANK=1), or nil for a field of no area.
    package static func bank(numberedBy field: OptionField) -> Int? {
        all.first { $0.start == field || $0.end == field }?.bank
    }

    /// `write-protected 0x0803F800–0x0803FFFF (page 127)`, or why the area is empty.
    package func text(in options: OptionBytes, layout: FlashLayout) -> String {
        if let enable, options[enable] == 0 { return "\(role): none (\(enable.name)=0)" }
        let first = Int(options[start])
        let last = Int(options[end])
        guard first <= last else { return "\(role): none (\(start.name) > \(end.name))" }
        let physical = layout.dualBank ? bank : 1
        guard let low = layout.page(physicalBank: physical, pnb: first),
            let high = layout.page(physicalBank: physical, pnb: min(last, layout.pagesPerBank - 1))
        else { return "\(role): pages \(first)–\(last), past the bank's end" }
        let pages = first == last ? "page \(first)" : "pages \(first)–\(last)"
        // Watermarks and hide areas are TrustZone's: without it they are kept but not in force.
        let inForce = enable == nil && role == "write-protected" || options.trustZone ? "" : ", not in force: TZEN=0"
        return "\(role) \(hex(low.address))–\(hex(high.address + high.size - 1)) (\(pages)\(inForce))"
    }
}
