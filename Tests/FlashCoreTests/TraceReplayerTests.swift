import Testing

@testable import FlashCore

/// Replaying a recorded trace reproduces the operation exactly, at every step.
@Suite struct TraceReplayerTests {
    /// A device with data in page 1 of bank 1, and a machine that erased that page.
    private func erasedPage() throws -> (before: DeviceState, after: Machine) {
        var state = DeviceState.factoryFresh(.stm32l562xE)
        state.flash.replaceSubrange(0x800..<0x810, with: [UInt8](repeating: 0x5A, count: 16))
        let machine = Machine(state: state)
        let result = try FlashEngine(machine: machine).erase(from: 0x0800_0800)
        #expect(result.succeeded)
        return (state, machine)
    }

    @Test func fullReplayEndsInTheSameState() throws {
        let (before, after) = try erasedPage()
        let replayer = TraceReplayer(before: before, entries: after.trace.entries)
        replayer.finish()
        #expect(replayer.isFinished)
        #expect(replayer.machine.state == after.state)
        #expect(replayer.machine.clock.now == after.clock.now, "waits are reproduced from the time stamps")
    }

    @Test func pageChangesExactlyAtTheStartWrite() throws {
        let (before, after) = try erasedPage()
        let entries = after.trace.entries
        let strt = try #require(
            entries.firstIndex { $0.access == .write && $0.address == TestChip.nscr && $0.value & (1 << 16) != 0 })
        let replayer = TraceReplayer(before: before, entries: entries)
        replayer.seek(to: strt)
        #expect(replayer.machine.controller.array.bytes[0x800] == 0x5A, "not erased before STRT")
        replayer.step()
        #expect(replayer.machine.controller.array.bytes[0x800] == 0xFF, "erased by the STRT write")
    }

    @Test func steppingBackReplaysToOneAccessFewer() throws {
        let (before, after) = try erasedPage()
        let entries = after.trace.entries
        let keys = entries.indices.filter { entries[$0].access == .write && entries[$0].address == TestChip.nskeyr }
        let secondKey = try #require(keys.dropFirst().first)
        let replayer = TraceReplayer(before: before, entries: entries)
        replayer.seek(to: secondKey + 1)
        #expect(replayer.machine.peekRegister(named: "NSCR")?.value == 0x4000_0000, "unlocked by the second key")
        replayer.stepBack()
        #expect(replayer.position == secondKey)
        #expect(replayer.machine.peekRegister(named: "NSCR")?.value == 0xC000_0000, "locked again one access back")
        replayer.step()
        #expect(replayer.machine.peekRegister(named: "NSCR")?.value == 0x4000_0000)
    }
}
