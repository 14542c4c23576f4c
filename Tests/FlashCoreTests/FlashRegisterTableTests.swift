import Testing

@testable import FlashCore

/// The register table is built from one declaration per register and field.
@Suite struct FlashRegisterTableTests {
    @Test func everyRegisterHasItsOwnOffsetAndSpec() {
        let offsets = FlashRegister.all.map(\.offset)
        #expect(Set(offsets).count == offsets.count)
        for register in FlashRegister.all {
            #expect(FlashRegister(offset: register.offset) == register)
            #expect(register.spec.offset == register.offset)
        }
        #expect(FlashRegister(offset: 0x1C) == nil)
    }

    @Test func controlFieldsAreTheOnesTheTableDeclares() throws {
        let nscr = try #require(FlashRegisters.specs.first { $0.name == "NSCR" })
        #expect(nscr.field("PNB") == ControlField.pnb)
        #expect(nscr.field("BKER") == ControlField.bker)
        #expect(ControlField.pageErase(pnb: 64, bker: 1) == 0x2 | 64 << 3 | 1 << 11)
        #expect(ControlField.pnb.value(in: ControlField.pageErase(pnb: 127, bker: 0)) == 127)
    }

    @Test func anUnmodelledFieldReadsBackAndTheTraceSaysSo() throws {
        let chip = TestChip()
        let eccr = TestChip.base + 0x30
        chip.write(eccr, 1 << 24)  // ECCIE: ECC is not modelled
        #expect(chip.read(eccr) == 1 << 24)
        let entry = try #require(chip.machine.renderedTrace().last { $0.access == "write" })
        #expect(entry.changes == ["ECCIE=1 (not modelled)"])
    }
}
