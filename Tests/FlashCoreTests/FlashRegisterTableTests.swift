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
        for name in ["CCR", "WCCR"] {
            let spec = try #require(OctoSPIRegister.specs.first { $0.name == name })
            #expect(spec.field("ADMODE") == F.admode)
            #expect(spec.field("DDTR") == F.ddtr)
        }
        // The wrap registers have the same layout, declared but not modelled.
        let wrap = try #require(OctoSPIRegister.specs.first { $0.name == "WPCCR" })
        #expect(wrap.field("ADMODE") == FieldSpec("ADMODE", bit: 8, width: 3, .unimplemented))
        let control = try #require(OctoSPIRegister.specs.first { $0.name == "CR" })
        #expect(control.field("FMODE") == OctoSPIRegisters.ControlField.fmode)
        // Eight lines DTR with a four-byte address, as the board's loader sends 8DTRD.
        let ccr = F.adsize.inserting(3, into: F.addtr.inserting(1, into: F.admode.inserting(4, into: 0)))
        #expect(ccr == 4 << 8 | 1 << 11 | 3 << 12)
    }
}

/// OCTOSPI1's one write hook, reached through the register-level host path as well as the bus.
@Suite struct OctoSPIWriteHookTests {
    @Test func everyRegisterSitsAtItsReferenceOffset() {
        // Reference §3.1: the offsets RM0438 gives.
        let expected: [String: UInt32] = [
            "CR": 0x000, "DCR1": 0x008, "SR": 0x020, "FCR": 0x024, "DLR": 0x040, "AR": 0x048, "DR": 0x050,
            "CCR": 0x100, "TCR": 0x108, "IR": 0x110, "WCCR": 0x180, "WIR": 0x190, "HLCR": 0x200,
        ]
        for (name, offset) in expected {
            #expect(OctoSPIRegister(offset: offset)?.spec.name == name)
        }
        #expect(OctoSPIRegister(offset: 0x004) == nil, "0x004 is reserved")
    }

    @Test func aHostWriteToDRFeedsTheFIFOLikeABusWrite() {
        let bench = OctoSPIBench()
        // An indirect write of four bytes (PP in SPI), waiting for its data.
        bench.write(.dcr1, 25 << 16)
        bench.write(.cr, 1)
        bench.write(.ccr, 1 | 1 << 8 | 3 << 12 | 1 << 24)
        bench.write(.dlr, 3)
        bench.write(.ir, 0x12)
        bench.write(.ar, 0)
        #expect(bench.controller.isBusy == false, "waits for DR")
        _ = bench.controller.writeRegister(0x4433_2211, at: OctoSPIRegister.dr.offset, window: 0)
        #expect(bench.status & OctoSPIRegisters.Status.tcf != 0, "four bytes through DR complete the command")
    }
}
