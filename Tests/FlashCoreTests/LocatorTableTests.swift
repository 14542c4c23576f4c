import Testing
@testable import FlashCore

/// The worked tables of reference §4.3 and §4.4, row by row.
@Suite struct LocatorTableTests {
    private func layout(_ part: Part, dbank: UInt32, swap: UInt32 = 0, _ assumptions: ModelAssumptions = .defaults)
        -> FlashLayout
    {
        var options = OptionBytes.factory
        for (name, value) in [("DBANK", dbank), ("SWAP_BANK", swap)] {
            if let field = OptionField.named(name) { options[field] = value }
        }
        return FlashLayout(part: part, options: options, assumptions: assumptions)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let address: UInt32
        let dual: (pnb: Int, bker: Int)
        let swapped: (pnb: Int, bker: Int)
        let single: Int
        var testDescription: String { hex(address) }
    }

    // Reference §4.3, 512 KB part: PNB/BKER for DBANK=1 SWAP=0, DBANK=1 SWAP=1 (physical), DBANK=0.
    static let table512: [Row] = [
        Row(address: 0x0800_0000, dual: (0, 0), swapped: (0, 1), single: 0),
        Row(address: 0x0800_0800, dual: (1, 0), swapped: (1, 1), single: 0),
        Row(address: 0x0803_F800, dual: (127, 0), swapped: (127, 1), single: 63),
        Row(address: 0x0804_0000, dual: (0, 1), swapped: (0, 0), single: 64),
        Row(address: 0x0804_0800, dual: (1, 1), swapped: (1, 0), single: 64),
        Row(address: 0x0807_F800, dual: (127, 1), swapped: (127, 0), single: 127),
    ]

    @Test(arguments: table512)
    func dualBankNoSwap(_ row: Row) throws {
        let location = try layout(.stm32l562xE, dbank: 1).locate(row.address)
        #expect(location.pnb == row.dual.pnb)
        #expect(location.bker == row.dual.bker)
        #expect(location.pageSize == 2048)
    }

    @Test(arguments: table512)
    func dualBankSwappedPhysical(_ row: Row) throws {
        let location = try layout(.stm32l562xE, dbank: 1, swap: 1).locate(row.address)
        #expect(location.pnb == row.swapped.pnb)
        #expect(location.bker == row.swapped.bker)
        // Under swap the physical bank is the other one.
        #expect(location.physicalBank == row.swapped.bker + 1)
    }

    @Test(arguments: table512)
    func dualBankSwappedLogicalAssumption(_ row: Row) throws {
        var assumptions = ModelAssumptions()
        assumptions.bankEraseBitUnderSwap = .logical
        let location = try layout(.stm32l562xE, dbank: 1, swap: 1, assumptions).locate(row.address)
        // Logical reading: BKER follows the address, as without swap.
        #expect(location.pnb == row.dual.pnb)
        #expect(location.bker == row.dual.bker)
    }

    @Test(arguments: table512)
    func singleBank(_ row: Row) throws {
        for swap: UInt32 in [0, 1] {
            let location = try layout(.stm32l562xE, dbank: 0, swap: swap).locate(row.address)
            #expect(location.pnb == row.single)
            #expect(location.bker == 0)
            #expect(location.pageSize == 4096)
        }
    }

    @Test func secureAliasLocatesLikeNonSecure() throws {
        let secure = try layout(.stm32l562xE, dbank: 1).locate(0x0C04_0800)
        #expect(secure.pnb == 1)
        #expect(secure.bker == 1)
        #expect(secure.alias == .secure)
        #expect(secure.pageAddress == 0x0C04_0800)
    }

    @Test func endOfFlashIsAnError() {
        #expect(throws: LocateError.self) { try layout(.stm32l562xE, dbank: 1).locate(0x0808_0000) }
        #expect(throws: LocateError.self) { try layout(.stm32l562xE, dbank: 0).locate(0x0808_0000) }
        #expect(throws: LocateError.self) { try layout(.stm32l562xE, dbank: 1).locate(0x2000_0000) }
    }

    // Reference §4.4, 256 KB part, DBANK=1, SWAP=0.
    @Test func smallPartContiguous() throws {
        let contiguous = layout(.stm32l552xC, dbank: 1)
        #expect(try contiguous.locate(0x0800_0000).pnb == 0)
        #expect(try contiguous.locate(0x0800_0800).pnb == 1)
        let last = try contiguous.locate(0x0803_F800)
        #expect(last.pnb == 63)
        #expect(last.bker == 1)
        #expect(try contiguous.locate(0x0802_0000).bker == 1)
        #expect(throws: LocateError.self) { try contiguous.locate(0x0804_0000) }
        #expect(throws: LocateError.self) { try contiguous.locate(0x0807_F800) }
    }

    @Test func smallPartGap() throws {
        var assumptions = ModelAssumptions()
        assumptions.smallPartBank2 = .gap
        let gap = layout(.stm32l552xC, dbank: 1, swap: 0, assumptions)
        #expect(try gap.locate(0x0800_0800).pnb == 1)
        #expect(throws: LocateError.self) { try gap.locate(0x0803_F800) }
        let bank2 = try gap.locate(0x0804_0000)
        #expect(bank2.pnb == 0)
        #expect(bank2.bker == 1)
        #expect(try gap.locate(0x0804_0800).pnb == 1)
        #expect(throws: LocateError.self) { try gap.locate(0x0806_0000) }
        #expect(throws: LocateError.self) { try gap.locate(0x0807_F800) }
    }

    @Test func smallPartSingleBank() throws {
        // Single bank on a 256 KB part: DB256K=0 by default (reference §8), DBANK=0 gives 4 KB pages.
        var options = OptionBytes.factory
        options[OptionField.named("DBANK")!] = 0
        options[OptionField.named("DB256K")!] = 0
        let single = FlashLayout(part: .stm32l552xC, options: options, assumptions: .defaults)
        #expect(try single.locate(0x0800_0800).pnb == 0)
        #expect(try single.locate(0x0803_F800).pnb == 63)
        #expect(single.pagesPerBank == 64)
        #expect(throws: LocateError.self) { try single.locate(0x0804_0000) }
    }

    @Test func smallPartDualBankBitIsDB256KByDefault() throws {
        // Reference §8: OpenOCD and the HAL select dual bank with DB256K; the page size still follows DBANK.
        #expect(ModelAssumptions.defaults.smallPartDualBankBit == .db256k)
        var options = OptionBytes.factory
        options[OptionField.named("DBANK")!] = 0
        let layout = FlashLayout(part: .stm32l552xC, options: options, assumptions: .defaults)
        #expect(layout.dualBank)
        #expect(layout.pageSize == 4096)
        #expect(layout.pagesPerBank == 32)
        options[OptionField.named("DB256K")!] = 0
        options[OptionField.named("DBANK")!] = 1
        let single = FlashLayout(part: .stm32l552xC, options: options, assumptions: .defaults)
        #expect(!single.dualBank, "DB256K=0 is single bank whatever DBANK says")
        #expect(single.pageSize == 2048)
    }

    @Test func smallPartDualBankBitAlternativeFollowsDBANK() throws {
        // The named alternative (Zephyr, Keil, Black Magic Debug): DBANK selects the mode.
        var assumptions = ModelAssumptions()
        try assumptions.apply("small-part-dual-bank-bit=dbank")
        var options = OptionBytes.factory
        options[OptionField.named("DB256K")!] = 0
        #expect(FlashLayout(part: .stm32l552xC, options: options, assumptions: assumptions).dualBank)
        options[OptionField.named("DBANK")!] = 0
        #expect(!FlashLayout(part: .stm32l552xC, options: options, assumptions: assumptions).dualBank)
    }
}
