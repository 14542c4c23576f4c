import FlashCore
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// The page index is keyed by 2 KiB block: moving inside one gives what a fresh report gives.
@Suite struct PageIndexKeyTests {
    @Test(arguments: [UInt32(0x0800_0000), 0x0804_0800, 0x0807_F800])
    func movingInsideABlockEqualsAFreshReport(_ block: UInt32) throws {
        var state = AppHarness.state()
        state.pending[.optr] &= ~(1 << 22)  // DBANK=0 pending: the two columns differ
        let machine = Machine(state: state)
        var report = PageIndexReport(machine: machine, address: block)
        for offset in [UInt32(1), 0x3FF, 0x7FF] {
            report.move(to: block + offset, machine: machine)
            #expect(report == PageIndexReport(machine: machine, address: block + offset))
        }
        #expect(
            PageIndexReport.key(for: machine, address: block + 0x7FF)
                != PageIndexReport.key(for: machine, address: block + 0x800))
    }
}
