import Testing

@testable import FlashCore

/// The engine's progress observer: told after each sector of a program, able to stop it there.
@Suite struct ProgressObserverTests {
    private static func image() throws -> MemoryImage {
        try MemoryImage(segments: [
            .init(address: 0x0800_0000, bytes: [UInt8](repeating: 1, count: 4 * 2048)),
            .init(address: 0x9000_0000, bytes: [UInt8](repeating: 2, count: 4 * 4096)),
        ])
    }

    /// Both flashes report their sectors in turn: 4 pages of 2 KiB, then 4 OCTOSPI sectors of 4 KiB.
    @Test func eachFlashReportsItsSectors() throws {
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        var reports: [String] = []
        engine.progress = { done, total in
            reports.append("\(done)/\(total)")
            return .proceed
        }
        let result = try engine.program(try Self.image(), verify: true)
        #expect(reports == ["1/4", "2/4", "3/4", "4/4", "1/4", "2/4", "3/4", "4/4"])
        #expect(result.verifyMismatches == [])
    }

    /// A stop in the embedded part ends the program there: the OCTOSPI part never starts and
    /// the engine says it stopped instead of returning a result that looks whole.
    @Test func stopEndsTheProgramAtThatSector() throws {
        let machine = Machine(state: .factoryFresh(.stm32l562xE))
        let engine = FlashEngine(machine: machine)
        var reports = 0
        engine.progress = { done, _ in
            reports += 1
            return done == 2 ? .stop : .proceed
        }
        #expect(throws: EngineError.stopped) { try engine.program(try Self.image(), verify: true) }
        #expect(reports == 2)
        #expect(machine.controller.array.bytes[2 * 2048] == 0xFF, "the third page was never programmed")
        #expect(machine.ospi?.flash.programs.isEmpty == true, "the OCTOSPI part never started")
    }

    /// The same engine runs the next program to its end: a stop is not remembered.
    @Test func aStopDoesNotOutliveItsProgram() throws {
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        engine.progress = { _, _ in .stop }
        #expect(throws: EngineError.stopped) { try engine.program(try Self.image()) }
        engine.progress = { _, _ in .proceed }
        #expect(try engine.program(try Self.image()).bytesProgrammed == 4 * 2048 + 4 * 4096)
    }
}
