import Testing
@testable import FlashCore

/// Programming from an `ImageSource` read a piece at a time: what happens when it fails, and
/// that verification compares piecewise at the right addresses.
@Suite struct StreamedProgramTests {
    /// A source over an image that fails after handing out `failAfter` pieces, and whose bytes at
    /// `altered` read differently once `alterFrom` pieces have been handed out (a file changed under us).
    final class ScriptedSource: ImageSource {
        struct ReadFailed: Error, CustomStringConvertible {
            var address: UInt32
            var description: String { "test.bin: cannot read the piece at \(hex(address))" }
        }

        let image: MemoryImage
        var failAfter = Int.max
        var altered: UInt32?
        var alterFrom = Int.max
        private(set) var fetches: [AddressRange] = []

        init(_ image: MemoryImage) { self.image = image }

        var extents: [AddressRange] { image.extents }

        func bytes(at address: UInt32, count: Int) throws -> [UInt8] {
            guard fetches.count < failAfter else { throw ReadFailed(address: address) }
            let handedOut = fetches.count
            fetches.append(AddressRange(from: address, to: address + UInt32(count - 1)))
            var bytes = try image.bytes(at: address, count: count)
            if handedOut >= alterFrom, let altered, address <= altered,
                UInt64(altered) < UInt64(address) + UInt64(count)
            {
                bytes[Int(altered - address)] ^= 0x01
            }
            return bytes
        }
    }

    private func pattern(_ count: Int, seed: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ seed &+ ($0 >> 9)) }
    }

    private func freshEngine() -> FlashEngine {
        FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
    }

    @Test func aSourceFailingMidwayStopsTheProgramWithImageUnreadable() throws {
        // Eight whole sectors: one fetch each.
        let image = try MemoryImage(segments: [.init(address: 0x9000_0000, bytes: pattern(0x8000, seed: 1))])
        let source = ScriptedSource(image)
        source.failAfter = 3
        let engine = freshEngine()
        #expect(throws: EngineError.imageUnreadable("test.bin: cannot read the piece at 0x90003000")) {
            try engine.program(source)
        }
        #expect(source.fetches.count == 3, "nothing is fetched after the failure")
        #expect(try engine.read(from: 0x9000_2000, count: 0x1000) == Array(pattern(0x8000, seed: 1)[0x2000..<0x3000]))
        #expect(
            try engine.read(from: 0x9000_3000, count: 0x1000) == [UInt8](repeating: 0xFF, count: 0x1000),
            "the machine is left part-way: the sector whose bytes failed is erased, not programmed")
    }

    @Test func theFailureDescriptionIsOneLine() {
        let error = EngineError.imageUnreadable("a.bin: byte offset 4096 (0x00001000): cannot read file: gone")
        #expect(
            error.description == "programming stopped: a.bin: byte offset 4096 (0x00001000): cannot read file: gone")
        #expect(freshEngine().oneLine(ScriptedSource.ReadFailed(address: 0)).contains("\n") == false)
    }

    @Test func aSourceFailingDuringVerifyThrowsToo() throws {
        let image = try MemoryImage(segments: [.init(address: 0x9000_0000, bytes: pattern(0x3000, seed: 2))])
        let source = ScriptedSource(image)
        source.failAfter = 3  // three sectors to program, then the verify fetch fails
        #expect(throws: EngineError.imageUnreadable("test.bin: cannot read the piece at 0x90000000")) {
            try freshEngine().program(source, verify: true)
        }
    }

    @Test func anEmbeddedPartThatCannotBeReadFailsBeforeAnythingRuns() throws {
        let image = try MemoryImage(segments: [.init(address: 0x0800_0000, bytes: pattern(0x800, seed: 3))])
        let source = ScriptedSource(image)
        source.failAfter = 0
        let engine = freshEngine()
        #expect(throws: EngineError.imageUnreadable("test.bin: cannot read the piece at 0x08000000")) {
            try engine.program(source)
        }
        #expect(engine.machine.trace.count == 0, "no bus access was made")
    }

    /// The verify pass reads the image again in 64 KiB pieces; a byte that reads back differently
    /// then must be reported at its own address, past the first piece.
    @Test(arguments: [UInt32(0x9001_2345), 0x9000_0000, 0x9002_3FFF])
    func verifyReportsAMismatchAtItsAddress(_ address: UInt32) throws {
        let image = try MemoryImage(segments: [.init(address: 0x9000_0000, bytes: pattern(0x2_4000, seed: 4))])
        let source = ScriptedSource(image)
        source.altered = address
        source.alterFrom = 0x24  // after the 36 sector fetches of the program pass
        let result = try freshEngine().program(source, verify: true)
        #expect(result.succeeded)
        #expect(result.verifyMismatches == [AddressRange(from: address, to: address)])
    }

    @Test func verifyOfAnEmbeddedImageStreamsToo() throws {
        let image = try MemoryImage(segments: [.init(address: 0x0800_1000, bytes: pattern(0x1_2000, seed: 5))])
        let source = ScriptedSource(image)
        source.altered = 0x0801_1003
        source.alterFrom = 1  // the embedded part is read whole first, then verified piecewise
        let result = try freshEngine().program(source, verify: true)
        #expect(result.succeeded)
        #expect(result.verifyMismatches == [AddressRange(from: 0x0801_1003, to: 0x0801_1003)])
    }

    @Test func programOfTheOctoSPIFetchesOnlyEachSectorsBytes() throws {
        let image = try MemoryImage(segments: [
            .init(address: 0x9000_0F00, bytes: pattern(0x1200, seed: 6)),
            .init(address: 0x9000_2110, bytes: [1, 2, 3]),
        ])
        let source = ScriptedSource(image)
        _ = try freshEngine().program(source)
        #expect(
            source.fetches == [
                AddressRange(from: 0x9000_0F00, to: 0x9000_0FFF),
                AddressRange(from: 0x9000_1000, to: 0x9000_1FFF),
                AddressRange(from: 0x9000_2000, to: 0x9000_20FF),
                AddressRange(from: 0x9000_2110, to: 0x9000_2112),
            ])
    }
}
