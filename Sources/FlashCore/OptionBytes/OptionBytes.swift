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

    package var dualBankBit: Bool { self[field("DBANK")] == 1 }
    package var db256k: Bool { self[field("DB256K")] == 1 }
    package var swapBank: Bool { self[field("SWAP_BANK")] == 1 }
    package var trustZone: Bool { self[field("TZEN")] == 1 }

    private func field(_ name: String) -> OptionField {
        // The names used here are fixed entries of OptionField.optr.
        OptionField.optr.first { $0.name == name } ?? OptionField.optr[0]
    }

    /// A write-protection area as a closed page range within its bank, or nil when it is off.
    package func writeProtectedPages(_ register: OptionRegister) -> ClosedRange<Int>? {
        let value = self[register]
        let start = Int(value & 0x7F)
        let end = Int((value >> 16) & 0x7F)
        return start <= end ? start...end : nil
    }

    /// The secure watermark of a bank (1 or 2) as a page range, or nil when empty.
    package func secureWatermarkPages(bank: Int) -> ClosedRange<Int>? {
        let value = self[bank == 1 ? .secwm1r1 : .secwm2r1]
        let start = Int(value & 0x7F)
        let end = Int((value >> 16) & 0x7F)
        return start <= end ? start...end : nil
    }

    /// Human readable RDP level.
    package var readoutProtection: String {
        switch self[.optr] & 0xFF {
        case 0xAA: "level 0"
        case 0x55: "level 0.5"
        case 0xCC: "level 2"
        default: "level 1"
        }
    }

    /// Sets fields or whole registers from `NAME=VALUE` pairs; nothing changes unless every pair is valid.
    package mutating func apply(_ settings: [(name: String, value: UInt32)]) throws(OptionBytesError) {
        var copy = self
        for (name, value) in settings {
            if let field = OptionField.named(name) {
                guard value <= field.allowedMax else {
                    throw .valueTooLarge(field: field.name, value: value, max: field.allowedMax)
                }
                copy[field] = value
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

    package var description: String {
        switch self {
        case .unknownName(let name):
            "no option field or register named '\(name)'"
        case .valueTooLarge(let field, let value, let max):
            "\(field)=\(value) does not fit: the field holds 0 to \(max)"
        }
    }
}
