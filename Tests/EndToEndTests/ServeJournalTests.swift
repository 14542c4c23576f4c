import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What a debug client changes outside the main flash is journaled too (issue: serve, "Everything
/// a client does is visible and undoable"), whether or not OpenOCD is installed.
@Suite(.serialized) struct ServeJournalTests {
    /// A client programs one OTP double word (PG, two words, reference §8) and locks NSCR: the
    /// OTP bytes are in the device file, counted in `log`, and `undo` takes them back.
    @Test func anOTPDoubleWordAClientProgramsIsSavedAndUndoable() throws {
        let runner = try CommandRunner()
        try runner.run(["init"])
        let served = try ServedDevice(runner)
        let socket = try served.connect()
        let probe = SocketProbe(socket: socket)
        try probe.connect()
        try probe.programOTP(at: 0x0BFA_0010, low: 0x4433_2211, high: 0x8877_6655)
        try probe.write(ServeCrashSafetyTests.nscr, ServeCrashSafetyTests.lock)
        close(socket)
        let (status, log) = served.stop()
        #expect(status == 0, "\(log)")
        let otp = try runner.run(["read", "0x0BFA0010", "8"])
        #expect([UInt8](otp.stdout) == [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88], "\(otp.stderr)")
        #expect(try runner.run(["log"]).text.contains("debug-session\tok\t8 bytes programmed"))
        // The client's accesses are named by the path they came by.
        let trace = try runner.run(["trace"]).text
        #expect(
            trace.split(separator: "\n").contains { $0.contains("NSKEYR") && $0.contains("from JTAG/AP") }, "\(trace)")
        try runner.run(["undo"])
        #expect([UInt8](try runner.run(["read", "0x0BFA0010", "8"]).stdout) == [UInt8](repeating: 0xFF, count: 8))
    }
}
