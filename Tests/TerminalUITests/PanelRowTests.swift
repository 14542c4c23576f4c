import FlashCore
import Testing

@testable import TerminalKit
@testable import TerminalUI

@Suite struct PanelRowTests {
    @Test func registerRowDecodesFieldsAndMarksChanges() {
        let spec = RegisterSpec(
            "NSCR", offset: 0x28, reset: 0xC000_0000,
            fields: [
                FieldSpec("PG", bit: 0), FieldSpec("PER", bit: 1), FieldSpec("PNB", bit: 3, width: 7),
                FieldSpec("RSVD", bit: 10, width: 1, .reserved), FieldSpec("LOCK", bit: 31),
            ])
        let row = RegisterRow(spec: spec, value: 0x8000_0022, previous: 0x8000_0002)
        #expect(row.name == "NSCR")
        #expect(row.fields.map(\.name) == ["PG", "PER", "PNB", "LOCK"])
        #expect(row.fields.map(\.value) == [0, 1, 4, 1])
        #expect(row.fields.map(\.changed) == [false, false, true, false])
        #expect(RegisterRow(spec: spec, value: 0x22).changed == false)
    }

    @Test func optionRowTakesEffectiveAndPendingValues() throws {
        let field = try #require(OptionField.named("DBANK"))
        var pending = OptionBytes.factory
        try pending.apply([(name: "DBANK", value: 1 - OptionBytes.factory[field])])
        let row = OptionByteRow(field: field, effective: .factory, pending: pending)
        #expect(row.name == "DBANK")
        #expect(row.bits == 1)
        #expect(row.isPending)
        #expect(!OptionByteRow(field: field, effective: .factory, pending: .factory).isPending)
    }
}
