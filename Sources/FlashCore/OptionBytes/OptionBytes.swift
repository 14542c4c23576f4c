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
    /// address for the boot address fields); nothing changes unless every pair is valid.
    package mutating func apply(_ settings: [(name: String, value: UInt32)]) throws(OptionBytesError) {
        var copy = self
        for (name, value) in settings {
            if let field = OptionField.named(name) {
                guard field.name != "BOR_LEV" || value <= field.allowedMax else {
                    throw .valueTooLarge(field: field.name, value: value, max: field.allowedMax)
                }
                copy[field] = try field.fieldValue(typed: value)
            } else if let register = OptionRegister.named(name) {
                copy[register] = (value & register.writableMask) | (copy[register] & ~register.writableMask)
            } else {
                throw .unknownName(name)
            }
        }
        self = copy
    }
}

/// A bad option byte setting, named so the user can fix it.
package enum OptionBytesError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownName(String)
    case valueTooLarge(field: String, value: UInt32, max: UInt32)
    /// A boot address whose bits 6:0 are not zero: the register keeps bits 31:7 only.
    case unalignedAddress(field: String, address: UInt32)

    package var description: String {
        switch self {
        case .unknownName(let name):
            "no option field or register named '\(name)'"
        case .valueTooLarge(let field, let value, let max):
            "\(field)=\(value) does not fit: the field holds 0 to \(max)"
        case .unalignedAddress(let field, let address):
            "\(field)=\(hex(address)) is not a boot address: it must be a multiple of 0x80 "
                + "(the register keeps address bits 31:7)"
        }
    }
}
