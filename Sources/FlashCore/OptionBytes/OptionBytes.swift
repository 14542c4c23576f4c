/// One set of option register values: either those in force (effective) or those
/// programmed and waiting for OBL_LAUNCH (pending).
package struct OptionBytes: Equatable, Hashable, Sendable {
    private var values: [UInt32]

    package init() {
        values = OptionRegister.allCases.map(\.factoryValue)
    }

    /// Factory values (reference §2).
    package static let factory = OptionBytes()

    package subscript(register: OptionRegister) -> UInt32 {
        get { values[register.rawValue] }
        set { values[register.rawValue] = newValue }
    }

    package subscript(field: OptionField) -> UInt32 {
        get { field.value(in: self[field.register]) }
        set { self[field.register] = field.replacing(in: self[field.register], with: newValue) }
    }

    /// A field by name; nil when there is no such field.
    package func value(of fieldName: String) -> UInt32? {
        OptionField.named(fieldName).map { self[$0] }
    }

    package var dualBankBit: Bool { self[OptionField.dbank] == 1 }
    package var db256k: Bool { self[OptionField.db256k] == 1 }
    package var swapBank: Bool { self[OptionField.swapBank] == 1 }
    package var trustZone: Bool { self[OptionField.tzen] == 1 }

    /// The readout protection level RDP and TZEN give together (0x55 is level 0.5 only with TZEN=1).
    package var readoutLevel: ReadoutProtection {
        ReadoutProtection(rdp: self[OptionField.rdp], trustZone: trustZone)
    }

    /// A write-protection area as a closed page range within its bank, or nil when it is off.
    package func writeProtectedPages(_ register: OptionRegister) -> ClosedRange<Int>? {
        guard let (start, end) = OptionField.writeProtection(register) else { return nil }
        return pageRange(start, end)
    }

    /// The secure watermark of a bank (1 or 2) as a page range, or nil when empty.
    package func secureWatermarkPages(bank: Int) -> ClosedRange<Int>? {
        let (start, end) = OptionField.secureWatermark(bank: bank)
        return pageRange(start, end)
    }

    private func pageRange(_ start: OptionField, _ end: OptionField) -> ClosedRange<Int>? {
        let first = Int(self[start])
        let last = Int(self[end])
        return first <= last ? first...last : nil
    }

    /// A field's value as users read it (`OptionField.text`), with the level named for RDP.
    package func text(of field: OptionField) -> String {
        field == .rdp ? readoutLevel.description : field.text(self[field])
    }

    /// Sets fields or whole registers from `NAME=VALUE` pairs, values as users type them (an
    /// address for the boot address fields); nothing changes unless every pair is valid. A flash
    /// address typed for a page field is the page holding it under the layout these option bytes
    /// give once the settings are in (DBANK set in the same pairs counts): the layout they will be
    /// in force with after OBL_LAUNCH. Returns what each such address was read as, for the user.
    @discardableResult
    package mutating func apply(
        _ settings: [(name: String, value: UInt32)], part: Part, assumptions: ModelAssumptions
    ) throws(OptionBytesError) -> [String] {
        // The layout first, from every setting but the addressed pages (which cannot change it).
        var shaped = self
        _ = try shaped.apply(settings, layout: nil)
        let layout = FlashLayout(part: part, options: shaped, assumptions: assumptions)
        var copy = self
        let notes = try copy.apply(settings, layout: layout)
        self = copy
        return notes
    }

    /// One pass over the settings; without a layout, page fields typed as flash addresses are left out.
    private mutating func apply(_ settings: [(name: String, value: UInt32)], layout: FlashLayout?)
        throws(OptionBytesError) -> [String]
    {
        var notes: [String] = []
        for (name, value) in settings {
            if let field = OptionField.named(name) {
                guard field.name != "BOR_LEV" || value <= field.allowedMax else {
                    throw .valueTooLarge(field: field.name, value: value, max: field.allowedMax)
                }
                if field.kind == .page, FlashRegion.of(value) == .flash {
                    guard let layout, let page = try field.page(typed: value, layout: layout) else { continue }
                    self[field] = UInt32(page.pnb)
                    notes.append(
                        "\(field.name)=\(hex(value)) is page \(page.pnb) of bank \(page.physicalBank), "
                            + "\(hex(page.pageAddress))–\(hex(page.pageAddress + page.pageSize - 1)) "
                            + "(the page holding it, as \(layout.modeText) numbers pages)")
                } else {
                    self[field] = try field.fieldValue(typed: value)
                }
            } else if let register = OptionRegister.named(name) {
                self[register] = (value & register.writableMask) | (self[register] & ~register.writableMask)
            } else {
                throw .unknownName(name)
            }
        }
        return notes
    }
}

/// A bad option byte setting, named so the user can fix it.
package enum OptionBytesError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownName(String)
    case valueTooLarge(field: String, value: UInt32, max: UInt32)
    /// A boot address whose bits 6:0 are not zero: the register keeps bits 31:7 only.
    case unalignedAddress(field: String, address: UInt32)
    /// A flash address typed for a page field that names no page of the field's bank.
    case pageAddressRefused(field: String, address: UInt32, reason: String)

    package var description: String {
        switch self {
        case .unknownName(let name):
            "no option field or register named '\(name)'"
        case .valueTooLarge(let field, let value, let max):
            "\(field)=\(value) does not fit: the field holds 0 to \(max)"
                + (OptionField.named(field)?.kind == .page ? ", or takes a flash address for the page holding it" : "")
        case .unalignedAddress(let field, let address):
            "\(field)=\(hex(address)) is not a boot address: it must be a multiple of 0x80 "
                + "(the register keeps address bits 31:7)"
        case .pageAddressRefused(let field, let address, let reason):
            "\(field)=\(hex(address)) names no page of its bank: \(reason)"
        }
    }
}
