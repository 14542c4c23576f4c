import Testing

@testable import FlashCore

/// A bounded trace keeps the first and last halves of an operation, each entry with its own notes.
@Suite struct TraceRecorderTests {
    /// Reads the flash size register `count` times, noting each access's number before it.
    private func recorded(_ count: Int, limit: Int) -> Machine {
        let machine = Machine(state: .factoryFresh(.stm32l562xE), traceLimit: limit)
        for number in 1...count {
            machine.trace.note(.text("access \(number)"))
            machine.bus.read(Machine.flashSizeRegisterAddress, size: .halfWord)
        }
        return machine
    }

    @Test func keepsEverythingUpToTheLimit() {
        let trace = recorded(10, limit: 10).trace
        #expect(trace.entries.map(\.seq) == Array(1...10))
        #expect(trace.dropped == 0)
    }

    @Test func keepsTheFirstAndLastHalvesBeyondIt() {
        let trace = recorded(25, limit: 10).trace
        #expect(trace.entries.map(\.seq) == [1, 2, 3, 4, 5, 21, 22, 23, 24, 25])
        #expect(trace.count == 25)
        #expect(trace.dropped == 15)
    }

    @Test func notesStayWithTheirAccessesAcrossManyWraps() {
        // Far more notes than the limit, so the notes are compacted several times.
        let trace = recorded(1_000, limit: 8).trace
        for entry in trace.entries {
            #expect(entry.notes == [.text("access \(entry.seq)")])
        }
        #expect(trace.entries.map(\.seq) == [1, 2, 3, 4, 997, 998, 999, 1_000])
    }

    @Test func aSmallerViewTakesTheEndsOfWhatIsKept() {
        let trace = recorded(25, limit: 10).trace
        #expect(trace.entries(limit: 4).map(\.seq) == [1, 2, 24, 25])
        #expect(trace.entries(limit: 100).map(\.seq) == trace.entries.map(\.seq))
    }

    @Test func theRenderedTraceIsBoundedTheSameWay() {
        let machine = recorded(25, limit: 10)
        let rendered = machine.renderedTrace(limit: 6)
        #expect(rendered.map(\.seq) == [1, 2, 3, 23, 24, 25])
        #expect(rendered.allSatisfy { $0.region == "flash size" })
    }

    @Test func aDisabledTraceCountsButKeepsNothing() {
        let machine = Machine(state: .factoryFresh(.stm32l562xE), tracing: false)
        for _ in 0..<5 { machine.bus.read(Machine.flashSizeRegisterAddress, size: .halfWord) }
        #expect(machine.trace.count == 5)
        #expect(machine.trace.entries.isEmpty)
        #expect(machine.trace.dropped == 5)
    }
}
