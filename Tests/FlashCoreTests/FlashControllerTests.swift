import Testing
@testable import FlashCore

/// Register-level behaviour of the flash controller, from reference §3 and §5
/// (test names after QEMU's taxonomy).
@Suite struct FlashControllerTests {
    @Test func resetValues() {
        let chip = TestChip()
        #expect(chip.read(TestChip.nscr) == 0xC000_0000)
        #expect(chip.read(TestChip.seccr) == 0x8000_0000)
        #expect(chip.read(TestChip.nssr) == 0)
        #expect(chip.read(TestChip.secsr) == 0)
        #expect(chip.read(TestChip.optr) == 0x7FEF_F8AA)
        // Reference §2.2 defaults, offsets 0x44–0x6C.
        let expected: [(UInt32, UInt32)] = [
            (0x44, 0x0800_007F), (0x48, 0x0BF9_007F), (0x4C, 0x0C00_007C), (0x50, 0xFFFF_FF80), (0x54, 0x7F80_7F80),
            (0x58, 0xFF80_FFFF), (0x5C, 0xFF80_FFFF), (0x60, 0xFFFF_FF80), (0x64, 0x7F80_7F80), (0x68, 0xFF80_FFFF),
            (0x6C, 0xFF80_FFFF),
        ]
        for (offset, value) in expected {
            #expect(chip.read(TestChip.base + offset) == value, "offset \(offset)")
        }
        #expect(chip.bus.read(0x0BFA_05E0, size: .halfWord) == 512)
        #expect(TestChip(.stm32l552xC).bus.read(0x0BFA_05E0, size: .halfWord) == 256)
    }

    @Test func keyRegistersReadAsZero() {
        let chip = TestChip()
        chip.unlock()
        #expect(chip.read(TestChip.nskeyr) == 0)
    }

    @Test func keySequenceUnlocksNSCR() {
        let chip = TestChip()
        chip.write(TestChip.nskeyr, 0x4567_0123)
        #expect(chip.nscr & 0x8000_0000 != 0, "one key is not enough")
        chip.write(TestChip.nskeyr, 0xCDEF_89AB)
        #expect(chip.nscr & 0x8000_0000 == 0)
        #expect(chip.nscr & 0x4000_0000 != 0, "OPTLOCK stays set until OPTKEYR")
    }

    @Test func wrongKeyLocksUntilReset() {
        let chip = TestChip()
        #expect(chip.write(TestChip.nskeyr, 0x1234_5678) == false, "a wrong key is a bus error")
        chip.unlock()
        #expect(chip.nscr & 0x8000_0000 != 0, "still locked after a correct sequence")
        chip.machine.controller.reset()
        chip.unlock()
        #expect(chip.nscr & 0x8000_0000 == 0, "a reset allows a new sequence")
    }

    @Test func wrongKeyRestartAssumption() {
        var assumptions = ModelAssumptions()
        assumptions.wrongKey = .restart
        let chip = TestChip(assumptions: assumptions)
        #expect(chip.write(TestChip.nskeyr, 0x4567_0123))
        #expect(chip.write(TestChip.nskeyr, 0x0000_0000))
        chip.unlock()
        #expect(chip.nscr & 0x8000_0000 == 0)
    }

    @Test func secureKeysUnlockSECCROnly() {
        let chip = TestChip()
        chip.write(TestChip.seckeyr, 0x4567_0123)
        chip.write(TestChip.seckeyr, 0xCDEF_89AB)
        #expect(chip.read(TestChip.seccr) == 0)
        #expect(chip.nscr & 0x8000_0000 != 0)
    }

    @Test func optionKeyNeedsUnlockedNSCR() {
        let chip = TestChip()
        #expect(chip.write(TestChip.optkeyr, 0x0819_2A3B) == false)
        let second = TestChip()
        second.unlockOptions()
        #expect(second.nscr & 0xC000_0000 == 0)
    }

    @Test func lockIsSetOnlyAndRelocks() {
        let chip = TestChip()
        chip.unlockOptions()
        chip.write(TestChip.nscr, 0x8000_0000)
        #expect(chip.nscr & 0xC000_0000 == 0xC000_0000, "LOCK sets OPTLOCK too")
        chip.write(TestChip.nscr, 0)
        #expect(chip.nscr & 0x8000_0000 != 0, "writing 0 does not clear LOCK")
        chip.unlock()
        #expect(chip.nscr & 0x8000_0000 == 0, "the sequence works again after a relock")
    }

    @Test func writesToLockedNSCRAreIgnored() {
        let chip = TestChip()
        chip.write(TestChip.nscr, 0x2 | 5 << 3)
        #expect(chip.nscr == 0xC000_0000)
    }

    @Test func reservedBitTenStaysZero() {
        let chip = TestChip()
        chip.unlock()
        chip.write(TestChip.nscr, 1 << 10)
        #expect(chip.nscr & (1 << 10) == 0)
    }

    @Test func statusFlagsClearByWritingOne() {
        let chip = TestChip()
        chip.unlock()
        chip.write(0x0800_0000, 0)  // PGSERR: no PG
        #expect(chip.has(.pgserr))
        chip.write(TestChip.nssr, 0)
        #expect(chip.has(.pgserr), "writing 0 leaves it")
        chip.write(TestChip.nssr, StatusFlag.pgserr.mask)
        #expect(!chip.has(.pgserr))
    }

    @Test func programWithoutPGSetsPGSERR() {
        let chip = TestChip()
        chip.unlock()
        chip.write(0x0800_0000, 0x1234_5678)
        #expect(chip.has(.pgserr))
        #expect(chip.read(0x0800_0000) == 0xFFFF_FFFF)
    }

    @Test func byteWriteSetsSIZERR() {
        let chip = TestChip()
        chip.unlock()
        chip.write(TestChip.nscr, 1)
        chip.write(0x0800_0000, 0x12, size: .byte)
        #expect(chip.has(.sizerr))
    }

    @Test func unalignedFirstWordSetsPGAERR() {
        let chip = TestChip()
        chip.unlock()
        chip.write(TestChip.nscr, 1)
        chip.write(0x0800_0004, 0x1111_1111)
        #expect(chip.has(.pgaerr))
    }

    @Test func secondWordElsewhereSetsPGAERR() {
        let chip = TestChip()
        chip.unlock()
        chip.write(TestChip.nscr, 1)
        chip.write(0x0800_0000, 0x1111_1111)
        chip.write(0x0800_0010, 0x2222_2222)
        #expect(chip.has(.pgaerr))
        #expect(chip.read(0x0800_0000) == 0xFFFF_FFFF)
    }

    @Test func doubleWordProgramsAsTwoWrites() {
        let chip = TestChip()
        chip.unlock()
        chip.write(TestChip.nscr, 1)
        chip.write(0x0800_0000, 0x1111_1111)
        #expect(chip.read(0x0800_0000) == 0xFFFF_FFFF, "nothing is written after the first word")
        chip.write(0x0800_0004, 0x2222_2222)
        #expect(chip.has(.bsy), "BSY while the double word programs")
        #expect(chip.machine.clock.now == 0)
        chip.waitIdle()
        #expect(chip.machine.clock.now == 81_700, "81.7 µs, reference §6")
        #expect(chip.read(0x0800_0000) == 0x1111_1111)
        #expect(chip.read(0x0800_0004) == 0x2222_2222)
    }

    @Test func reprogrammingSetsPROGERRUnlessAllZeros() {
        let chip = TestChip()
        chip.unlock()
        chip.programDoubleWord(0x0800_0000, 0x1111_1111, 0x2222_2222)
        chip.programDoubleWord(0x0800_0000, 0x0101_0101, 0x0202_0202)
        #expect(chip.has(.progerr))
        #expect(chip.read(0x0800_0000) == 0x1111_1111)
        chip.write(TestChip.nssr, StatusFlag.errorMask)
        chip.programDoubleWord(0x0800_0000, 0, 0)
        #expect(!chip.has(.progerr))
        #expect(chip.read(0x0800_0000) == 0)
    }

    @Test func startingWithErrorFlagsSetsPGSERR() {
        let chip = TestChip()
        chip.unlock()
        chip.write(0x0800_0000, 0)  // leaves PGSERR set
        chip.write(TestChip.nssr, StatusFlag.pgserr.mask)
        chip.write(TestChip.nscr, 1)
        chip.write(0x0800_0000, 0x1, size: .byte)  // SIZERR
        chip.write(TestChip.nscr, 0)
        chip.programDoubleWord(0x0800_0008, 0x1234_5678, 0x9ABC_DEF0)
        #expect(chip.has(.pgserr))
        #expect(chip.read(0x0800_0008) == 0xFFFF_FFFF)
        chip.erasePage(pnb: 0)
        #expect(chip.machine.controller.events.contains { if case .pageErased = $0 { true } else { false } } == false)
    }

    @Test func pageEraseTakesPNBAndBKER() {
        let chip = TestChip()
        chip.unlock()
        chip.programDoubleWord(0x0804_0800, 1, 2)
        chip.erasePage(pnb: 1, bker: 0)
        #expect(chip.read(0x0804_0800) == 1, "BKER=0 erased bank 1")
        chip.erasePage(pnb: 1, bker: 1)
        #expect(chip.read(0x0804_0800) == 0xFFFF_FFFF)
        #expect(chip.machine.clock.now == 2 * 22_000_000 + 81_700)
    }

    @Test func eraseWithoutAnOperationSetsPGSERR() {
        let chip = TestChip()
        chip.unlock()
        chip.write(TestChip.nscr, 1 << 16)
        #expect(chip.has(.pgserr))
        chip.write(TestChip.nssr, StatusFlag.errorMask)
        chip.write(TestChip.nscr, 0x2 | 0x4 | 1 << 16)  // PER and MER1 together
        #expect(chip.has(.pgserr))
    }

    @Test func endOfOperationNeedsEOPIEByDefault() {
        let chip = TestChip()
        chip.unlock()
        chip.erasePage(pnb: 3)
        #expect(!chip.has(.eop))
        chip.write(TestChip.nscr, 1 << 24)
        chip.write(TestChip.nscr, 1 << 24 | 0x2 | 3 << 3 | 1 << 16)
        chip.waitIdle()
        #expect(chip.has(.eop))
    }

    @Test func endOfOperationAlwaysAssumption() {
        var assumptions = ModelAssumptions()
        assumptions.endOfOperationFlag = .always
        let chip = TestChip(assumptions: assumptions)
        chip.unlock()
        chip.erasePage(pnb: 3)
        #expect(chip.has(.eop))
    }

    @Test func errieAlsoRaisesOPERR() {
        let chip = TestChip()
        chip.unlock()
        chip.write(TestChip.nscr, 1 << 25)
        chip.write(0x0800_0000, 0)
        #expect(chip.has(.pgserr))
        #expect(chip.has(.operr))
    }

    @Test func massEraseBanks() {
        let chip = TestChip()
        chip.unlock()
        chip.programDoubleWord(0x0800_0000, 1, 1)
        chip.programDoubleWord(0x0804_0000, 2, 2)
        chip.write(TestChip.nscr, 0x4)
        chip.write(TestChip.nscr, 0x4 | 1 << 16)
        chip.waitIdle()
        #expect(chip.read(0x0800_0000) == 0xFFFF_FFFF)
        #expect(chip.read(0x0804_0000) == 2, "MER1 leaves bank 2")
        chip.write(TestChip.nscr, 0x8000)
        chip.write(TestChip.nscr, 0x8000 | 1 << 16)
        chip.waitIdle()
        #expect(chip.read(0x0804_0000) == 0xFFFF_FFFF)
    }
}
