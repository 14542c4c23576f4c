/// How software may change a register field (Renode's FieldMode, QEMU's RegisterAccessInfo).
public enum FieldAccess: Sendable, Equatable {
    case readWrite
    case readOnly
    /// Writing 1 clears the bit; writing 0 leaves it.
    case writeOneToClear
    /// Writing 1 sets the bit; writing 0 leaves it; only hardware clears it.
    case setOnly
    /// Keeps its reset value whatever is written.
    case reserved
    /// Declared by the silicon but not modelled: it reads back what was written and does
    /// nothing else, and the trace says so (declared, not silently ignored).
    case unimplemented
}

/// One named field of a memory-mapped register.
public struct FieldSpec: Sendable, Equatable {
    public let name: String
    public let lsb: Int
    public let width: Int
    public let access: FieldAccess

    public init(_ name: String, bit lsb: Int, width: Int = 1, _ access: FieldAccess = .readWrite) {
        self.name = name
        self.lsb = lsb
        self.width = width
        self.access = access
    }

    public var mask: UInt32 { (width >= 32 ? UInt32.max : (UInt32(1) << UInt32(width)) - 1) << UInt32(lsb) }

    public func value(in register: UInt32) -> UInt32 { (register & mask) >> UInt32(lsb) }

    /// The register with this field set to `value` (bits beyond the field's width dropped).
    public func inserting(_ value: UInt32, into register: UInt32) -> UInt32 {
        (register & ~mask) | ((value << UInt32(lsb)) & mask)
    }
}

/// A register declared as data: name, offset, reset value and fields.
public struct RegisterSpec: Sendable, Equatable {
    public let name: String
    public let offset: UInt32
    public let reset: UInt32
    public let fields: [FieldSpec]
    public let readWriteMask: UInt32
    public let writeOneToClearMask: UInt32
    public let setOnlyMask: UInt32

    public init(_ name: String, offset: UInt32, reset: UInt32 = 0, fields: [FieldSpec]) {
        self.name = name
        self.offset = offset
        self.reset = reset
        self.fields = fields
        func mask(_ access: FieldAccess) -> UInt32 {
            fields.filter { $0.access == access }.reduce(0) { $0 | $1.mask }
        }
        readWriteMask = mask(.readWrite) | mask(.unimplemented)
        writeOneToClearMask = mask(.writeOneToClear)
        setOnlyMask = mask(.setOnly)
    }

    /// The value a plain write leaves, before any side effect of the register's write hook.
    public func applyingWrite(_ written: UInt32, to old: UInt32) -> UInt32 {
        var value = (old & ~readWriteMask) | (written & readWriteMask)
        value &= ~(written & writeOneToClearMask)
        value |= written & setOnlyMask
        return value
    }

    public func field(_ name: String) -> FieldSpec? { fields.first { $0.name == name } }

    /// The fields whose value differs between two register values, as `NAME=value` strings.
    public func changedFields(from old: UInt32, to new: UInt32) -> [String] {
        fields.compactMap { field in
            let before = field.value(in: old)
            let after = field.value(in: new)
            guard before != after else { return nil }
            let unmodelled = field.access == .unimplemented ? " (not modelled)" : ""
            if field.width == 1 { return "\(field.name)=\(after)\(unmodelled)" }
            return
                "\(field.name)=\(Self.number(after, width: field.width)) (was \(Self.number(before, width: field.width)))"
                + unmodelled
        }
    }

    /// Every non-zero field of a value, as `NAME=value` strings.
    public func decode(_ value: UInt32) -> [String] {
        fields.compactMap { field in
            let v = field.value(in: value)
            guard v != 0 else { return nil }
            return field.width == 1 ? field.name : "\(field.name)=\(Self.number(v, width: field.width))"
        }
    }

    /// Small fields in decimal (PNB=5), wide ones in hex (INSTRUCTION=0x9F).
    static func number(_ value: UInt32, width: Int) -> String {
        width <= 7 ? String(value) : "0x" + String(value, radix: 16, uppercase: true)
    }
}

/// The current values of a block of declared registers.
package struct RegisterFile: Sendable {
    package let specs: [RegisterSpec]
    private var values: [UInt32]
    /// Register index by word offset (offset / 4), -1 where no register is declared: a lookup per access must be cheap.
    private let indexByWord: [Int]

    package init(_ specs: [RegisterSpec]) {
        self.specs = specs
        values = specs.map(\.reset)
        var table = [Int](repeating: -1, count: Int((specs.map(\.offset).max() ?? 0) / 4) + 1)
        for (index, spec) in specs.enumerated() where spec.offset % 4 == 0 {
            table[Int(spec.offset / 4)] = index
        }
        indexByWord = table
    }

    package func index(ofOffset offset: UInt32) -> Int? {
        guard offset % 4 == 0, Int(offset / 4) < indexByWord.count else { return nil }
        let index = indexByWord[Int(offset / 4)]
        return index < 0 ? nil : index
    }

    package func spec(atOffset offset: UInt32) -> RegisterSpec? { index(ofOffset: offset).map { specs[$0] } }

    package subscript(index: Int) -> UInt32 {
        get { values[index] }
        set { values[index] = newValue }
    }

    package mutating func reset() { values = specs.map(\.reset) }
}
