import Foundation
import Testing

/// `serve --clock`: how the served chip's time passes (reference §6: a page erase takes 22 ms).
/// With `host` (the default) a debugger that looks at NSSR after a while finds the erase done, as on
/// a board; with `wire` only the requests move the clock (125 µs each), so BSY is still set.
@Suite(.serialized) struct ServeClockTests {
    /// gdb unlocks the controller, starts a page erase (PER, PNB 5, STRT), waits 0.2 s on the host and reads NSSR.
    static let eraseThenLook = [
        "set *(unsigned *)0x40022008 = 0x45670123", "set *(unsigned *)0x40022008 = 0xCDEF89AB",
        "set *(unsigned *)0x40022028 = 0x2a", "set *(unsigned *)0x40022028 = 0x1002a", "shell sleep 0.2",
        "x/wx 0x40022020", "x/wx 0x08002800",
    ]

    static func look(clock: [String]) throws -> (nssr: String, page: String, output: String)? {
        if let missing = GDBServer.toolsMissing {
            print(missing)
            return nil
        }
        let runner = try CommandRunner()
        try runner.run(["init"])
        let data = try runner.file("data.bin", bytes: [UInt8](repeating: 0x5A, count: 16))
        #expect(try runner.run(["program", data, "--address", "0x08002800"]).status == 0)
        let server = try GDBServer(runner, arguments: clock)
        let (status, output) = try server.gdb(Self.eraseThenLook)
        #expect(status == 0, "\(output)")
        #expect(server.stop().status == 0)
        let value = { (address: String) in
            output.split(separator: "\n").first { $0.hasPrefix(address + ":") }
                .map { String($0.split(separator: "\t").last ?? "") } ?? "missing"
        }
        return (value("0x40022020"), value("0x8002800"), output)
    }

    @Test func byDefaultTheChipsTimeKeepsUpWithTheHostsAndTheEraseIsDone() throws {
        guard let seen = try Self.look(clock: []) else { return }
        #expect(seen.nssr == "0x00000000", "BSY clear, no error flags: \(seen.output)")
        #expect(seen.page == "0xffffffff", "the page is erased: \(seen.output)")
    }

    @Test func withTheWireClockOnlyRequestsMoveTimeAndTheEraseIsStillBusy() throws {
        guard let seen = try Self.look(clock: ["--clock", "wire"]) else { return }
        #expect(seen.nssr == "0x00010000", "BSY set: \(seen.output)")
        // Reading the flash while it is busy stalls the bus until the erase is done (reference §6).
        #expect(seen.page == "0xffffffff", "the read waited for the erase: \(seen.output)")
    }

    @Test func anUnknownClockIsAUsageError() throws {
        let runner = try CommandRunner()
        try runner.run(["init"])
        let result = try runner.run(["serve", "--gdb", "0", "--clock", "sundial"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--clock"), "\(result.stderr)")
    }
}
