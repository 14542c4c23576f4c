import Testing

@testable import FlashCore

/// A served client's accesses are named by the path they arrive by (issue: serve, "trace shows it
/// with the JTAG/AP origin, and the PC for accesses the emulated core makes").
@Suite struct TracePathTests {
    @Test func aClientsAccessesNameItsPathAndTheCoresNameTheirInstruction() {
        let machine = Machine(state: .factoryFresh(.stm32l562xE))
        machine.bus.read(Machine.flashSizeRegisterAddress, size: .halfWord)
        machine.trace.debuggerPath = .jtagAccessPort
        machine.bus.read(Machine.flashSizeRegisterAddress, size: .halfWord)
        machine.trace.attribute(pc: 0x2000_0010, instruction: 7)
        machine.bus.read(Machine.flashSizeRegisterAddress, size: .halfWord)
        machine.trace.clearAttribution()
        machine.trace.debuggerPath = .gdbRemote
        machine.bus.write(FlashRegisters.base + FlashRegisters.Offset.nskeyr, 0x4567_0123)
        let notes = machine.trace.entries.map { $0.notes.map(\.text) }
        #expect(notes[0] == [])
        #expect(notes[1] == ["from JTAG/AP"])
        #expect(notes[2] == ["by the instruction at 0x20000010 (#7)"])
        #expect(notes[3].contains("from gdb"))
    }

    /// The observer hears every completed access, faults included, after the trace has it.
    @Test func anObserverHearsEachAccessAfterTheTraceRecordsIt() {
        final class Counter: BusObserver {
            var heard: [(UInt32, Bool, Int)] = []
            func busDidAccess(_ bus: Bus, address: UInt32, isWrite: Bool) {
                heard.append((address, isWrite, bus.trace.count))
            }
        }
        let machine = Machine(state: .factoryFresh(.stm32l562xE))
        let counter = Counter()
        machine.bus.observer = counter
        machine.bus.read(Machine.flashSizeRegisterAddress, size: .halfWord)
        machine.bus.write(FlashRegisters.base + FlashRegisters.Offset.nskeyr, 0x4567_0123)
        machine.bus.read(0x7000_0000)  // nothing is mapped there: a fault, still heard
        #expect(counter.heard.map(\.0) == [Machine.flashSizeRegisterAddress, 0x4002_2008, 0x7000_0000])
        #expect(counter.heard.map(\.1) == [false, true, false])
        #expect(counter.heard.map(\.2) == [1, 2, 3])
    }
}
