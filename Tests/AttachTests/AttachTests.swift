import FlashCore
import GDBRemote
import Testing

@testable import Attach

/// attach against a simulated chip behind a memory interface: identification (stm32l5-flash.md
/// §8: DBGMCU_IDCODE 0xE0044000 DEV_ID 0x472, FLASH_SIZE 0x0BFA05E0, OPTR 0x40022040), the
/// snapshot in physical bank order, readout protection, live operations and their check.
@Suite struct AttachTests {
    /// A 256 KiB part with SWAP_BANK=1 (bank 2 at 0x08000000), distinct bytes in both banks, OTP and a UID.
    private func swappedChip() -> Machine {
        var options = OptionBytes.factory
        options[OptionField.swapBank] = 1
        var state = DeviceState(part: .stm32l552xC, effective: options)
        for index in 0..<state.flash.count { state.flash[index] = UInt8(truncatingIfNeeded: index * 7 + index >> 11) }
        state.otp[0] = 0x12
        state.otp[511] = 0x34
        state.uid = DeviceUID(seed: "attach test board")
        return Machine(state: state)
    }

    @Test func identifiesAnL5() throws {
        let memory = MachineMemory(swappedChip())
        let identity = try ChipIdentity.read(memory)
        #expect(DBGMCUField.devID.value(in: identity.idcode) == 0x472)
        #expect(identity.flashSizeKiB == 256)
        #expect(identity.options[OptionField.swapBank] == 1)
        #expect(identity.part(octoSPIAnswers: false) == .stm32l552xC)
    }

    @Test func refusesAChipThatIsNotAnL5() {
        let memory = MachineMemory(swappedChip())
        // An STM32L4's DEV_ID (0x435) at the L5's DBGMCU address.
        memory.overrides[0xE004_4000] = [0x35, 0x64, 0x00, 0x10]
        #expect(throws: AttachError.notL5(idcode: 0x1000_6435)) { try ChipIdentity.read(memory) }
        #expect(AttachError.notL5(idcode: 0x1000_6435).description == "not an STM32L5: DBGMCU_IDCODE reads 0x10006435")
    }

    @Test func aFiveHundredTwelveKiBPartIsTheL562OnlyWithItsOctoSPIWindow() throws {
        let memory = MachineMemory(Machine(state: DeviceState(part: .stm32l552xE)))
        let identity = try ChipIdentity.read(memory)
        #expect(identity.part(octoSPIAnswers: true) == .stm32l562xE)
        #expect(identity.part(octoSPIAnswers: false) == .stm32l552xE)
    }

    @Test func theSnapshotIsTheChipInPhysicalBankOrder() throws {
        let chip = swappedChip()
        let memory = MachineMemory(chip)
        let snapshot = try BoardSnapshot.read(memory, identity: ChipIdentity.read(memory), octoSPILength: 0)
        // Read at addresses through SWAP_BANK, stored as the model keeps it: bank 1 first.
        #expect(snapshot.state.flash == chip.state.flash)
        #expect(snapshot.state.otp == chip.state.otp)
        #expect(snapshot.state.uid == chip.uid)
        #expect(snapshot.state.effective == chip.state.effective)
        #expect(snapshot.unreadable.isEmpty)
        #expect(StateComparison(snapshot.state, chip.state).isEqual)
    }

    @Test func readoutProtectionLevelOneMarksTheFlashUnreadableWithoutReadingIt() throws {
        var options = OptionBytes.factory
        options[OptionField.rdp] = 0xBB
        let memory = MachineMemory(Machine(state: DeviceState(part: .stm32l552xC, effective: options)))
        let snapshot = try BoardSnapshot.read(memory, identity: ChipIdentity.read(memory), octoSPILength: 0)
        #expect(snapshot.unreadable == [AddressRange(from: 0x0800_0000, to: 0x0803_FFFF)])
        #expect(!memory.reads.contains { FlashRegion.of($0) == .flash })
        #expect(snapshot.state.flash.allSatisfy { $0 == 0xFF })
    }

    @Test func aLiveEraseDoesWhatThePredictionSays() throws {
        let chip = swappedChip()
        let memory = MachineMemory(chip)
        let model = Machine(state: chip.state)
        let prediction = try FlashEngine(machine: model).erase(from: 0x0800_1000, length: 0x1000)
        let live = LiveOperation(memory, geometry: .bankAware, assumptions: chip.state.assumptions)
        try live.erase(from: 0x0800_1000, length: 0x1000)
        #expect(live.failed == nil)
        #expect(try LiveCheck.compare(predicted: model, result: prediction, chip: memory).isEmpty)
        // Under SWAP_BANK the pages at 0x08001000 are pages 2 and 3 of physical bank 2.
        let bank2 = Int(chip.part.flashSize / 2)
        #expect(chip.state.flash[(bank2 + 0x1000)..<(bank2 + 0x2000)].allSatisfy { $0 == 0xFF })
        #expect(chip.state.flash[0x1000..<0x2000].contains { $0 != 0xFF })
    }

    @Test func aLiveProgramKeepsTheChipsBytesAndMatches() throws {
        let chip = swappedChip()
        let memory = MachineMemory(chip)
        let model = Machine(state: chip.state)
        let image = try MemoryImage(segments: [.init(address: 0x0800_0810, bytes: [UInt8](repeating: 0x5A, count: 100))]
        )
        let prediction = try FlashEngine(machine: model).program(image)
        let live = LiveOperation(memory, geometry: .bankAware, assumptions: chip.state.assumptions)
        try live.program(image)
        #expect(live.failed == nil)
        #expect(try LiveCheck.compare(predicted: model, result: prediction, chip: memory).isEmpty)
    }

    @Test func aStaleSnapshotIsADivergence() throws {
        let chip = swappedChip()
        let memory = MachineMemory(chip)
        // The snapshot was taken before a byte the program keeps changed on the chip (0x08001100 is
        // physical bank 2 under SWAP_BANK).
        var stale = chip.state
        stale.flash[Int(chip.part.flashSize / 2) + 0x1100] ^= 0xFF
        let model = Machine(state: stale)
        let image = try MemoryImage(segments: [.init(address: 0x0800_1000, bytes: [1, 2, 3, 4, 5, 6, 7, 8])])
        let prediction = try FlashEngine(machine: model).program(image)
        let live = LiveOperation(memory, geometry: .bankAware, assumptions: chip.state.assumptions)
        try live.program(image)
        let divergences = try LiveCheck.compare(predicted: model, result: prediction, chip: memory)
        #expect(divergences.map(\.what) == ["bytes 0x08001100–0x08001100 (1)"])
    }

    @Test func liveOptionBytesRunTheEnginesSequenceAndMatch() throws {
        // Reference §5: keys, OPTKEYR, the option registers, OPTSTRT; the values become pending.
        let chip = swappedChip()
        let memory = MachineMemory(chip)
        let model = Machine(state: chip.state)
        let prediction = try FlashEngine(machine: model).setOptions([("BOR_LEV", 2)], launch: false)
        var target = try ChipIdentity.read(memory).options
        try target.apply([("BOR_LEV", 2)], part: model.part, assumptions: chip.state.assumptions)
        let live = LiveOperation(memory, geometry: .bankAware, assumptions: chip.state.assumptions)
        try live.setOptions(target, launch: false)
        #expect(live.failed == nil)
        #expect(chip.controller.pending[OptionField.named("BOR_LEV") ?? .rdp] == 2)
        #expect(try LiveCheck.compare(predicted: model, result: prediction, chip: memory).isEmpty)
    }

    @Test func aConnectionLostMidOperationStopsAndNamesTheLastAccess() throws {
        let chip = swappedChip()
        let memory = MachineMemory(chip)
        memory.dropAfter = 12
        let live = LiveOperation(memory, geometry: .bankAware, assumptions: chip.state.assumptions)
        #expect(throws: ClientError.self) { try live.erase(from: 0x0800_1000, length: nil) }
        #expect(live.target.accesses == 12)
        #expect(live.target.lastAcknowledged != nil)
        // Nothing talks to the chip once the connection is gone.
        #expect(memory.accesses == 12)
    }

    @Test func comparisonListsOptionFieldsAndRanges() {
        let board = DeviceState(part: .stm32l552xC)
        var file = board
        file.effective[OptionField.swapBank] = 1
        file.otp[3] = 0
        let comparison = StateComparison(board, file)
        #expect(comparison.options.map(\.field) == ["SWAP_BANK"])
        #expect(comparison.bytes.map(\.area) == ["otp"])
        #expect(comparison.bytes.first?.range == AddressRange(from: 0x0BFA_0003, to: 0x0BFA_0003))
    }
}
