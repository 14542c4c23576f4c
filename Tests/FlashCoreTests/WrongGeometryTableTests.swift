import Testing
@testable import FlashCore

/// Reference §4.3, last column: a 2 KB dual-bank algorithm run while DBANK=0 sends PNB/BKER
/// for the dual-bank layout; what the controller actually erases.
@Suite struct WrongGeometryTableTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let address: UInt32
        let sent: (pnb: Int, bker: Int)
        let erased: UInt32
        var testDescription: String { hex(address) }
    }

    static let rows: [Row] = [
        Row(address: 0x0800_0000, sent: (0, 0), erased: 0x0800_0000),
        Row(address: 0x0800_0800, sent: (1, 0), erased: 0x0800_1000),
        Row(address: 0x0803_F800, sent: (127, 0), erased: 0x0807_F000),
        Row(address: 0x0804_0000, sent: (0, 1), erased: 0x0800_0000),
        Row(address: 0x0804_0800, sent: (1, 1), erased: 0x0800_1000),
        Row(address: 0x0807_F800, sent: (127, 1), erased: 0x0807_F000),
    ]

    private func singleBankEngine(_ assumptions: ModelAssumptions = .defaults) throws -> FlashEngine {
        var state = DeviceState.factoryFresh(.stm32l562xE)
        state.assumptions = assumptions
        state.effective[.optr] &= ~(1 << 22)
        state.pending = state.effective
        return FlashEngine(machine: Machine(state: state))
    }

    @Test(arguments: rows)
    func dualBankAlgorithmSends(_ row: Row) throws {
        let algorithm = InternalFlashAlgorithm(.assumeDualBank, assumptions: .defaults)
        let engine = try singleBankEngine()
        #expect(algorithm.initialize(bus: engine.machine.bus, address: row.address, clock: 0, function: .erase) == 0)
        let command = try #require(algorithm.pageCommand(for: row.address))
        #expect(command.pnb == row.sent.pnb)
        #expect(command.bker == row.sent.bker)
    }

    @Test(arguments: rows)
    func controllerErases(_ row: Row) throws {
        let engine = try singleBankEngine()
        let result = try engine.erase(from: row.address, using: engine.builtIn(.assumeDualBank))
        #expect(result.erased.map(\.pageAddress) == [row.erased])
        #expect(result.erased.map(\.pageSize) == [4096])
    }

    @Test(arguments: rows.filter { $0.sent.bker == 1 })
    func rejectedBKERAssumption(_ row: Row) throws {
        var assumptions = ModelAssumptions()
        assumptions.singleBankBKER = .rejected
        let engine = try singleBankEngine(assumptions)
        let result = try engine.erase(from: row.address, using: engine.builtIn(.assumeDualBank))
        #expect(result.erased.isEmpty)
        #expect(result.errors.map(\.flag) == ["PGSERR"])
    }

    /// The opposite mistake (reference §4.3, below the table): a 4 KB algorithm while DBANK=1.
    @Test func singleBankAlgorithmWhileDualBank() throws {
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        #expect(
            try engine.erase(from: 0x0800_0800, using: engine.builtIn(.assumeSingleBank)).erased.map(\.pageAddress) == [
                0x0800_0000
            ])
        #expect(
            try engine.erase(from: 0x0804_0000, using: engine.builtIn(.assumeSingleBank)).erased.map(\.pageAddress) == [
                0x0802_0000
            ])
    }

    /// Under SWAP_BANK=1 a swap-unaware tool sends the SWAP=0 column; with BKER physical that is the other bank.
    @Test func swapUnawareToolErasesTheOtherBank() throws {
        var state = DeviceState.factoryFresh(.stm32l562xE)
        state.effective[.optr] |= 1 << 20
        state.pending = state.effective
        let engine = FlashEngine(machine: Machine(state: state))
        let result = try engine.erase(from: 0x0800_0800, using: engine.builtIn(.assumeDualBank))
        #expect(result.erased.map(\.pageAddress) == [0x0804_0800], "BKER=0 is physical bank 1, mapped at 0x08040000")
        let aware = try engine.erase(from: 0x0800_0800)
        #expect(aware.erased.map(\.pageAddress) == [0x0800_0800])
    }
}
