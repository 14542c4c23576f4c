import FlashCore
import TerminalKit

extension RegisterRow {
    /// A row for a register declared in FlashCore: every field but the
    /// reserved ones, marked changed where it differs from `previous`.
    package init(spec: RegisterSpec, value: UInt32, previous: UInt32? = nil) {
        let fields = spec.fields.filter { $0.access != .reserved }.map { field in
            RegisterFieldValue(
                name: field.name, bits: field.width, value: field.value(in: value),
                changed: previous.map { field.value(in: $0) != field.value(in: value) } ?? false)
        }
        self.init(name: spec.name, value: value, fields: fields)
    }

    /// A key register (NSKEYR, SECKEYR), which reads as zero: shown with the last key written instead.
    package static func keyRegister(named name: String, lastKey value: UInt32, previous: UInt32?) -> RegisterRow {
        RegisterRow(
            name: name, value: value,
            fields: [RegisterFieldValue(name: "last key", bits: 32, value: value, changed: previous != value)])
    }
}

extension OptionByteRow {
    /// A row for one option-byte field, from the effective and pending copies; the meaning is the
    /// effective value's under the effective layout, or the pending value's under the layout after launch.
    package init(
        field: OptionField, effective: OptionBytes, pending: OptionBytes, layout: FlashLayout,
        pendingLayout: FlashLayout
    ) {
        let isPending = effective[field] != pending[field]
        let meaning =
            isPending
            ? "after L: " + pending.meaning(of: field, layout: pendingLayout)
            : effective.meaning(of: field, layout: layout)
        self.init(
            name: field.name, bits: field.width, effective: effective[field], pending: pending[field],
            effectiveText: effective.text(of: field), pendingText: pending.text(of: field), meaning: meaning)
    }
}
