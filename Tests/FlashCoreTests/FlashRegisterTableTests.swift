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

/// OCTOSPI1's fields come from the same declarations in the table, the decoder and the driver.
@Suite struct OctoSPIRegisterTableTests {
    @Test func communicationFieldsAreDeclaredOnce() throws {
        typealias F = OctoSPIRegisters.CommunicationField
        for name in ["CCR", "WPCCR", "WCCR"] {
            let spec = try #require(OctoSPIRegisters.specs.first { $0.name == name })
            #expect(spec.field("ADMODE") == F.admode)
            #expect(spec.field("DDTR") == F.ddtr)
        }
        let control = try #require(OctoSPIRegisters.specs.first { $0.name == "CR" })
        #expect(control.field("FMODE") == OctoSPIRegisters.ControlField.fmode)
        // Eight lines DTR with a four-byte address, as the board's loader sends 8DTRD.
        let ccr = F.adsize.inserting(3, into: F.addtr.inserting(1, into: F.admode.inserting(4, into: 0)))
        #expect(ccr == 4 << 8 | 1 << 11 | 3 << 12)
    }
}
