import Testing
@testable import FlashCore

/// `ImageComparison.runs`: differing bytes grouped by consecutive address and cause, so `verify`
/// says a never-programmed range once.
@Suite struct ImageComparisonRunTests {
    private func engine() -> FlashEngine { FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE))) }

    @Test func aNeverProgrammedImageIsOneRun() throws {
        let engine = engine()
        let image = try MemoryImage(segments: [
            .init(address: 0x0800_0000, bytes: [UInt8](repeating: 0x12, count: 4096))
        ])
        let comparison = try engine.compare(with: image)
        #expect(comparison.bytesDiffering == 4096)
        #expect(comparison.runCount == 1)
        #expect(comparison.runs.map(\.range) == [AddressRange(from: 0x0800_0000, to: 0x0800_0FFF)])
        #expect(comparison.runs.first?.cause == .erased)
        #expect(comparison.first.count == 8, "the first bytes are still kept one by one")
    }

    /// A cause change or a gap starts a new run; only the first few runs are kept, all are counted.
    @Test func causesAndGapsSplitRuns() throws {
        let engine = engine()
        // 0x08000000..07 hold 0x00: where the file wants 0xF0 that is "not erased" (0 where 1 is wanted).
        #expect(
            try engine.program(
                try MemoryImage(segments: [.init(address: 0x0800_0000, bytes: [UInt8](repeating: 0, count: 8))])
            ).succeeded)
        var wanted = [UInt8](repeating: 0xF0, count: 8) + [UInt8](repeating: 0x34, count: 8)
        wanted += [0xFF, 0xFF] + [UInt8](repeating: 0x34, count: 6)
        let image = try MemoryImage(segments: [.init(address: 0x0800_0000, bytes: wanted)])
        let comparison = try engine.compare(with: image, keepingFirst: 2)
        #expect(comparison.runCount == 3, "not erased, erased, then erased again after the equal 0xFF bytes")
        #expect(comparison.runs.count == 2)
        #expect(comparison.runs[0].range == AddressRange(from: 0x0800_0000, to: 0x0800_0007))
        #expect(comparison.runs[0].cause == .notErased)
        #expect(comparison.runs[1].range == AddressRange(from: 0x0800_0008, to: 0x0800_000F))
        #expect(comparison.runs[1].cause == .erased)
    }
}
