@testable import FlashCore
import Testing

/// The CPU's view of the flash (0x0800_0000 on, bank 2 first under SWAP_BANK), as an emulated
/// core mirrors it: after a program, copying only what changed must give what a whole copy gives.
@Suite struct AddressOrderCopyTests {
    static let modes: [[(String, UInt32)]] = [
        [], [("SWAP_BANK", 1)], [("DBANK", 0)], [("DBANK", 0), ("SWAP_BANK", 1)],
    ]

    @Test(arguments: modes.indices)
    func copyingWhatChangedMatchesAWholeCopy(mode: Int) throws {
        var options = OptionBytes.factory
        try options.apply(
            Self.modes[mode].map { (name: $0.0, value: $0.1) }, part: .stm32l562xE, assumptions: .defaults)
        let chip = TestChip(options: options)
        let controller = chip.machine.controller
        let layout = chip.machine.layout
        let size = Int(layout.bankSize) * layout.bankCount
        let partial = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 8)
        let whole = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 8)
        defer {
            partial.deallocate()
            whole.deallocate()
        }
        partial.initializeMemory(as: UInt8.self, repeating: 0xFF)
        controller.copyFlashInAddressOrder(into: partial)
        let generation = controller.array.generation

        chip.unlock()
        // The first double word of each bank as the CPU addresses it, and one in the middle of bank 1.
        let addresses: [UInt32] = [0x0800_0000, 0x0800_1008, 0x0804_0000, 0x0807_FFF8]
        for (index, address) in addresses.enumerated() {
            chip.programDoubleWord(address, 0x1111_1111 * UInt32(index + 1), ~UInt32(index))
        }
        let changed = controller.copyFlashInAddressOrder(into: partial, changedAfter: generation)
        whole.initializeMemory(as: UInt8.self, repeating: 0xFF)
        controller.copyFlashInAddressOrder(into: whole)

        let firstDifference = (0..<size).first { partial[$0] != whole[$0] }
        #expect(firstDifference == nil, "the copies differ from offset \(firstDifference ?? 0)")
        for address in addresses {
            let offset = Int(address - FlashLayout.nonSecureBase)
            #expect(changed.contains { $0.contains(offset) }, "\(hex(address)) is in a changed range")
            #expect(partial.load(fromByteOffset: offset, as: UInt32.self) != 0xFFFF_FFFF)
        }
        #expect(changed.reduce(0) { $0 + $1.count } < size / 8, "only the chunks programmed are copied")
    }
}
